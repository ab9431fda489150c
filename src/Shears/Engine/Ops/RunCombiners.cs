using System.Numerics.Tensors;

namespace Shears.Engine.Ops;

/// <summary>How source elements combine into destination elements when a copy accumulates (sum, max, min, product).</summary>
internal interface IRunCombiner
{
    /// <summary>The value that leaves any element unchanged when combined with it.</summary>
    static abstract float Identity { get; }

    /// <summary>destination[i] = combine(destination[i], source[i]).</summary>
    static abstract void Spans(ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>destination[i] = combine(destination[i], value).</summary>
    static abstract void Scalar(float value, Span<float> destination);

    /// <summary>Combines every element of source into the accumulator.</summary>
    static abstract float Fold(float accumulator, ReadOnlySpan<float> source);

    static abstract float Combine(float accumulator, float value);
}

internal readonly struct SumCombiner : IRunCombiner
{
    public static float Identity => 0f;

    public static void Spans(ReadOnlySpan<float> source, Span<float> destination) => TensorPrimitives.Add(destination, source, destination);

    public static void Scalar(float value, Span<float> destination) => TensorPrimitives.Add(destination, value, destination);

    public static float Fold(float accumulator, ReadOnlySpan<float> source) => accumulator + TensorPrimitives.Sum(source);

    public static float Combine(float accumulator, float value) => accumulator + value;
}

internal readonly struct MaxCombiner : IRunCombiner
{
    public static float Identity => float.NegativeInfinity;

    public static void Spans(ReadOnlySpan<float> source, Span<float> destination) => TensorPrimitives.Max(destination, source, destination);

    public static void Scalar(float value, Span<float> destination) => TensorPrimitives.Max(destination, value, destination);

    public static float Fold(float accumulator, ReadOnlySpan<float> source) => MathF.Max(accumulator, TensorPrimitives.Max(source));

    public static float Combine(float accumulator, float value) => MathF.Max(accumulator, value);
}

internal readonly struct MinCombiner : IRunCombiner
{
    public static float Identity => float.PositiveInfinity;

    public static void Spans(ReadOnlySpan<float> source, Span<float> destination) => TensorPrimitives.Min(destination, source, destination);

    public static void Scalar(float value, Span<float> destination) => TensorPrimitives.Min(destination, value, destination);

    public static float Fold(float accumulator, ReadOnlySpan<float> source) => MathF.Min(accumulator, TensorPrimitives.Min(source));

    public static float Combine(float accumulator, float value) => MathF.Min(accumulator, value);
}

internal readonly struct ProductCombiner : IRunCombiner
{
    public static float Identity => 1f;

    public static void Spans(ReadOnlySpan<float> source, Span<float> destination) => TensorPrimitives.Multiply(destination, source, destination);

    public static void Scalar(float value, Span<float> destination) => TensorPrimitives.Multiply(destination, value, destination);

    public static float Fold(float accumulator, ReadOnlySpan<float> source) => accumulator * TensorPrimitives.Product(source);

    public static float Combine(float accumulator, float value) => accumulator * value;
}
