namespace Shears.Engine.Ops;

/// <summary>How a binary float op combines runs: both walking, or one side a repeated scalar.</summary>
internal interface IBinaryOp
{
    void Spans(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

    void SpanScalar(ReadOnlySpan<float> a, float b, Span<float> y);

    void ScalarSpan(float a, ReadOnlySpan<float> b, Span<float> y);

    /// <summary>For linear ops (Add, Sub): the constant ∂y/∂a and ∂y/∂b; null for the others.</summary>
    (float A, float B)? LinearScales { get; }

    /// <summary>Adds the gradients of one run: da += ∂y/∂a·dy, db += ∂y/∂b·dy (either may be empty when not needed).</summary>
    void Gradient(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> da, Span<float> db);
}
