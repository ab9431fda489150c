using System.Numerics;

namespace Shears.Engine.Training;

/// <summary>
/// Adam with bias correction. Weight decay is either added to the gradient (Adam's L2 form) or,
/// when <see cref="Decoupled"/>, applied to the weights directly (AdamW).
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly Dictionary<string, (float[] M, float[] V)> _moments = new(StringComparer.Ordinal);
    private int _step;

    /// <summary>An Adam optimizer; <see cref="AdamW"/> makes the decoupled form.</summary>
    /// <param name="beta1">Decay of the gradient's running mean, in [0, 1).</param>
    /// <param name="beta2">Decay of the squared gradient's running mean, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator so tiny second moments cannot blow up a step; positive.</param>
    /// <param name="weightDecay">Weight decay factor, non-negative; 0 for none.</param>
    /// <param name="decoupled">Apply the decay to the weights directly (AdamW) rather than adding it to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Adam(float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f, bool decoupled = false)
    {
        if (beta1 is < 0f or >= 1f || beta2 is < 0f or >= 1f || epsilon <= 0f || weightDecay < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "betas must be in [0, 1), epsilon positive, weight decay non-negative");
        }
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
    }

    /// <summary>Decay of the gradient's running mean (first moment).</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the squared gradient's running mean (second moment).</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator of each step for numerical safety.</summary>
    public float Epsilon { get; }

    /// <summary>Weight decay factor; 0 for none.</summary>
    public float WeightDecay { get; }

    /// <summary>True when weight decay shrinks the weights directly (AdamW); false when it is added to the gradient (L2).</summary>
    public bool Decoupled { get; }

    /// <summary>AdamW: Adam with default betas and epsilon and decoupled weight decay.</summary>
    public static Adam AdamW(float weightDecay = 0.01f) => new(weightDecay: weightDecay, decoupled: true);

    /// <inheritdoc/>
    public void Step(ParameterStore parameters, float learningRate, EngineOptions engine)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(engine);
        _step++;
        var correction1 = 1f - MathF.Pow(Beta1, _step);
        var correction2 = 1f - MathF.Pow(Beta2, _step);
        var stepSize = learningRate / correction1;
        var sqrtCorrection2 = MathF.Sqrt(correction2);
        var l2 = Decoupled ? 0f : WeightDecay;
        var shrink = Decoupled ? 1f - (learningRate * WeightDecay) : 1f;
        foreach (var name in parameters.Trainable)
        {
            var w = parameters.Value(name).Span;
            var g = parameters.Grad(name).Span;
            if (!_moments.TryGetValue(name, out var state))
            {
                _moments[name] = state = (new float[w.Length], new float[w.Length]);
            }
            var (weights, grads, m, v) = (parameters.Value(name), parameters.Grad(name), state.M, state.V);
            // Large weights are split over the engine's threads; the update is memory-bound and per element.
            ParallelRange.For(engine, w.Length, 1 << 14, (start, end) =>
                Update(weights.Span[start..end], grads.Span[start..end], m.AsSpan(start, end - start), v.AsSpan(start, end - start), l2, shrink, stepSize, sqrtCorrection2));
            parameters.ApplyMask(name);
            weights.MarkChanged();
            if (parameters.Mask(name) is { } keep)
            {
                // Pruned entries keep no momentum, so they cannot drift back once unmasked.
                for (var i = 0; i < keep.Length; i++)
                {
                    if (!keep[i])
                    {
                        state.M[i] = 0f;
                        state.V[i] = 0f;
                    }
                }
            }
        }
    }

    private void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float l2, float shrink, float stepSize, float sqrtCorrection2)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && w.Length >= Vector<float>.Count)
        {
            var b1 = new Vector<float>(Beta1);
            var b2 = new Vector<float>(Beta2);
            var c1 = new Vector<float>(1f - Beta1);
            var c2 = new Vector<float>(1f - Beta2);
            var decay = new Vector<float>(l2);
            var shrinkV = new Vector<float>(shrink);
            var eps = new Vector<float>(Epsilon);
            var step = new Vector<float>(stepSize);
            var root = new Vector<float>(sqrtCorrection2);
            for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var wi = new Vector<float>(w[i..]);
                var gi = new Vector<float>(g[i..]) + (decay * wi);
                var mi = (b1 * new Vector<float>(m[i..])) + (c1 * gi);
                var vi = (b2 * new Vector<float>(v[i..])) + (c2 * gi * gi);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                wi = (wi * shrinkV) - (step * mi / ((Vector.SquareRoot(vi) / root) + eps));
                wi.CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            var gi = g[i] + (l2 * w[i]);
            m[i] = (Beta1 * m[i]) + ((1f - Beta1) * gi);
            v[i] = (Beta2 * v[i]) + ((1f - Beta2) * gi * gi);
            w[i] = (w[i] * shrink) - (stepSize * m[i] / ((MathF.Sqrt(v[i]) / sqrtCorrection2) + Epsilon));
        }
    }
}
