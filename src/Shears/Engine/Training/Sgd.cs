namespace Shears.Engine.Training;

/// <summary>Stochastic gradient descent with optional momentum (heavy-ball or Nesterov) and L2 weight decay.</summary>
public sealed class Sgd : IOptimizer
{
    private readonly Dictionary<string, float[]> _velocity = new(StringComparer.Ordinal);

    /// <summary>A plain SGD optimizer, or heavy-ball / Nesterov momentum SGD when <paramref name="momentum"/> is positive.</summary>
    /// <param name="momentum">Velocity decay in [0, 1); 0 for no momentum.</param>
    /// <param name="weightDecay">L2 weight decay added to the gradient, non-negative.</param>
    /// <param name="nesterov">Use Nesterov's look-ahead form of momentum.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Sgd(float momentum = 0f, float weightDecay = 0f, bool nesterov = false)
    {
        if (momentum is < 0f or >= 1f || weightDecay < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), "momentum must be in [0, 1) and weight decay non-negative");
        }
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>Velocity decay; 0 for no momentum.</summary>
    public float Momentum { get; }

    /// <summary>L2 weight decay factor added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether momentum uses Nesterov's look-ahead form.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public void Step(ParameterStore parameters, float learningRate, EngineOptions engine)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var name in parameters.Trainable)
        {
            parameters.Value(name).MarkChanged();
            var w = parameters.Value(name).Span;
            var g = parameters.Grad(name).Span;
            var keep = parameters.Mask(name);
            float[]? v = null;
            if (Momentum > 0f && !_velocity.TryGetValue(name, out v))
            {
                _velocity[name] = v = new float[w.Length];
            }
            for (var i = 0; i < w.Length; i++)
            {
                if (keep is not null && !keep[i])
                {
                    w[i] = 0f;
                    continue;
                }
                var d = g[i] + (WeightDecay * w[i]);
                if (v is not null)
                {
                    v[i] = (Momentum * v[i]) + d;
                    d = Nesterov ? d + (Momentum * v[i]) : v[i];
                }
                w[i] -= learningRate * d;
            }
        }
    }
}
