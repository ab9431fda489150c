namespace Shears.Engine.Training;

/// <summary>How to train: epochs, batch size, optimizer, learning-rate schedule, loss, seed and engine options.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set; 0 trains nothing.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per optimizer step (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of the per-epoch shuffle.</summary>
    public ulong Seed { get; init; }

    /// <summary>Makes the optimizer; called once per training run.</summary>
    public Func<IOptimizer> Optimizer { get; init; } = () => new Adam();

    /// <summary>The learning rate at each step; a constant 1e-3 by default.</summary>
    public LearningRateSchedule Schedule { get; init; } = new LearningRateSchedule.Constant(1e-3f);

    /// <summary>Label smoothing ε of the loss, in [0, 1); 0 by default.</summary>
    public float LabelSmoothing { get; init; }

    /// <summary>A teacher whose softened outputs the model also learns; none by default.</summary>
    public Distillation? Distillation { get; init; }

    /// <summary>Input to feed (default: the model's only runtime input).</summary>
    public string? InputName { get; init; }

    /// <summary>Output holding the logits (default: the model's first output).</summary>
    public string? OutputName { get; init; }

    /// <summary>Threads, kernel variant and Winograd choice of the training plans and the optimizer.</summary>
    public EngineOptions Engine { get; init; } = EngineOptions.Default;

    /// <summary>Throws a <see cref="ShearsException"/> naming the first setting out of range (epochs, batch size, label smoothing).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Engine);
        if (Epochs < 0)
        {
            throw new ShearsException($"epochs must be 0 or more, not {Epochs}");
        }
        if (BatchSize < 1)
        {
            throw new ShearsException($"batch size must be at least 1, not {BatchSize}");
        }
        if (LabelSmoothing is < 0f or >= 1f)
        {
            throw new ShearsException($"label smoothing must be in [0, 1), not {LabelSmoothing}");
        }
        Distillation?.Validate();
    }
}
