namespace Shears.Strategy;

/// <summary>
/// How much work the search planner spends: how finely it steps towards the budget, how many candidates it scores per
/// step, and how long each candidate's accuracy proxy fine-tunes. The defaults plan the seed's CNN for a quarter of its
/// latency in a few minutes on two cores.
/// </summary>
public sealed record SearchPlannerOptions
{
    /// <summary>The gap between the model's cost and the budget is closed in about this many steps (each removes at least one channel multiple).</summary>
    public int Steps { get; init; } = 8;

    /// <summary>Steps taken at most before the search stops short of the budget (and says so).</summary>
    public int MaxSteps { get; init; } = 40;

    /// <summary>Groups scored per step at most: those whose candidate reduces the cost most.</summary>
    public int CandidatesPerStep { get; init; } = 6;

    /// <summary>Fine-tuning steps each candidate gets before its accuracy is taken; 0 scores candidates as pruned.</summary>
    public int ProxySteps { get; init; } = 200;

    /// <summary>Samples per fine-tuning step of the proxy.</summary>
    public int ProxyBatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate during the proxy's fine-tuning.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Held-out samples each candidate is scored on, at most.</summary>
    public int ValidationSamples { get; init; } = 2000;

    /// <summary>Throws an <see cref="InvalidOptionException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Steps < 1)
        {
            throw new InvalidOptionException($"Steps must be at least 1, got {Steps}", nameof(Steps));
        }
        if (MaxSteps < 1)
        {
            throw new InvalidOptionException($"MaxSteps must be at least 1, got {MaxSteps}", nameof(MaxSteps));
        }
        if (CandidatesPerStep < 1)
        {
            throw new InvalidOptionException($"CandidatesPerStep must be at least 1, got {CandidatesPerStep}", nameof(CandidatesPerStep));
        }
        if (ProxySteps < 0)
        {
            throw new InvalidOptionException($"ProxySteps must be 0 or more, got {ProxySteps}", nameof(ProxySteps));
        }
        if (ProxyBatchSize < 1)
        {
            throw new InvalidOptionException($"ProxyBatchSize must be at least 1, got {ProxyBatchSize}", nameof(ProxyBatchSize));
        }
        if (!(LearningRate > 0 && float.IsFinite(LearningRate)))
        {
            throw new InvalidOptionException($"LearningRate must be positive, got {LearningRate}", nameof(LearningRate));
        }
        if (ValidationSamples < 1)
        {
            throw new InvalidOptionException($"ValidationSamples must be at least 1, got {ValidationSamples}", nameof(ValidationSamples));
        }
    }
}
