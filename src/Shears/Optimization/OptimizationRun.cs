using Shears.Data;
using Shears.IR;

namespace Shears.Optimization;

/// <summary>What one optimisation run works on: the model, the three data splits, the options and the report folder.</summary>
public sealed record OptimizationRun
{
    /// <summary>The input model; not changed.</summary>
    public required Model Model { get; init; }

    /// <summary>The input model's name (its file name), for the report.</summary>
    public required string Name { get; init; }

    /// <summary>Training data fine-tuning uses (the validation split already taken out).</summary>
    public required IBatchSource Train { get; init; }

    /// <summary>Held-out training data every accept, adjust and stop decision is made on.</summary>
    public required IBatchSource Validation { get; init; }

    /// <summary>The test set, used only for the final figures in the report.</summary>
    public required IBatchSource Test { get; init; }

    /// <summary>Budget, schedule, fine-tuning and controls.</summary>
    public required OptimizationOptions Options { get; init; }

    /// <summary>The report folder; checkpoints and plans go in it as the run goes.</summary>
    public required string Folder { get; init; }

    /// <summary>Continue the run checkpointed in <see cref="Folder"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>The machine latency is measured on (CPU, family, peak), or the target profile predicted for, for the report.</summary>
    public string Machine { get; init; } = "";
}
