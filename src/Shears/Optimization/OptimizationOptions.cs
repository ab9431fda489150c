using System.Globalization;
using Shears.Engine;
using Shears.Hardware.Latency;
using Shears.Pruning;
using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>
/// How the prune → fine-tune → evaluate → adjust loop runs: the budget and accuracy floor, the gradual schedule,
/// the fine-tuning each step gets, and which controls to train beside it.
/// </summary>
public sealed record OptimizationOptions
{
    /// <summary>What the final model must stay within.</summary>
    public required PruningBudget Budget { get; init; }

    /// <summary>The most validation accuracy (in points) an accepted step may lose against the input model; null for no floor.</summary>
    public double? MaxAccuracyDrop { get; init; }

    /// <summary>
    /// Extra points an intermediate step may lose beyond <see cref="MaxAccuracyDrop"/>: after one epoch a step has not
    /// recovered yet, and the final fine-tuning wins most of it back; the final model is judged without slack.
    /// </summary>
    public double IntermediateSlack { get; init; } = 1.0;

    /// <summary>Steps of the gradual schedule: each removes part of what is left to remove (polynomial decay).</summary>
    public int Iterations { get; init; } = 4;

    /// <summary>The schedule's exponent: 3 front-loads the cuts (as in gradual magnitude pruning); 1 is linear.</summary>
    public double ScheduleExponent { get; init; } = 3;

    /// <summary>Fine-tuning epochs after each step.</summary>
    public int EpochsPerIteration { get; init; } = 1;

    /// <summary>Fine-tuning epochs after the last step, with a decaying rate; the best epoch on the validation split is kept.</summary>
    public int FinalEpochs { get; init; } = 3;

    /// <summary>Stop when this many iterations in a row brought the cost down by less than 1%.</summary>
    public int Patience { get; init; } = 2;

    /// <summary>A step that breaks the accuracy floor is retried this many times with half the cut before the loop stops.</summary>
    public int MaxAdjustments { get; init; } = 2;

    /// <summary>Peak fine-tuning learning rate (Adam, a fresh optimiser each step; the final phase starts at half of it).</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>
    /// Share of the fine-tuning loss that is distillation from the input model (its softened outputs at temperature
    /// <see cref="DistillationTemperature"/>), in [0, 1]; 0 (the default) fine-tunes on the labels alone (on the seed's MLP, 0.7 gained nothing). The dense control never
    /// distils (its teacher would be itself); the uniform baseline does, so the two plans are compared on one recipe.
    /// </summary>
    public float DistillationWeight { get; init; }

    /// <summary>Temperature of the distillation term, at least 1.</summary>
    public float DistillationTemperature { get; init; } = 4f;

    /// <summary>
    /// Fold the in-graph input normalisation into the first layer before pruning (where exact; see
    /// <see cref="Preprocessing.InputNormalizationFolding"/>); on by default.
    /// </summary>
    public bool FoldInputNormalization { get; init; } = true;

    /// <summary>
    /// Most fine-tuning epochs the pruned model gets in all, retried steps included; the loop stops stepping when the
    /// next step and the final phase would not fit. 10 by default.
    /// </summary>
    public int MaxEpochs { get; init; } = 10;

    /// <summary>Fine-tuning batch size.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>
    /// Share of a measured latency budget kept in reserve when planning: plans aim at (1 − margin) × the limit, so a
    /// measurement in a fresh process still meets it. Not used for predicted latency or counted budgets.
    /// </summary>
    public double LatencyMargin { get; init; } = 0.05;

    /// <summary>Criterion, granularity, ignored nodes, shape bindings for every step's plan.</summary>
    public PruningOptions Pruning { get; init; } = new();

    /// <summary>Runtime and threads latency is taken at (the batch comes from the budget).</summary>
    public LatencySettings Latency { get; init; } = LatencySettings.Default;

    /// <summary>Also fine-tune the unpruned input model for as many epochs, so the drop can be judged fairly.</summary>
    public bool DenseControl { get; init; } = true;

    /// <summary>Also run the uniform planner at the same budget with the same fine-tuning, as the baseline.</summary>
    public bool UniformBaseline { get; init; } = true;

    /// <summary>Seed for planning, fine-tuning and shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>Engine threads and kernels for fine-tuning and evaluation.</summary>
    public EngineOptions Engine { get; init; } = EngineOptions.Default;

    /// <summary>Fine-tuning epochs the run spends in all (each iteration's and the final ones).</summary>
    public int TotalEpochs => (Iterations * EpochsPerIteration) + FinalEpochs;

    /// <summary>Throws an <see cref="InvalidOptionException"/> naming the first impossible option.</summary>
    public void Validate()
    {
        Budget.Validate();
        static void Require(bool ok, string message, string option)
        {
            if (!ok)
            {
                throw new InvalidOptionException(message, option);
            }
        }
        Require(MaxAccuracyDrop is null || (MaxAccuracyDrop >= 0 && double.IsFinite(MaxAccuracyDrop.Value)),
            string.Create(CultureInfo.InvariantCulture, $"MaxAccuracyDrop must be a non-negative number of points, got {MaxAccuracyDrop}"), nameof(MaxAccuracyDrop));
        Require(IntermediateSlack >= 0 && double.IsFinite(IntermediateSlack), "IntermediateSlack must be a non-negative number of points", nameof(IntermediateSlack));
        Require(Iterations is >= 1 and <= 100, $"Iterations must be 1 to 100, got {Iterations}", nameof(Iterations));
        Require(ScheduleExponent is >= 1 and <= 10, string.Create(CultureInfo.InvariantCulture, $"ScheduleExponent must be 1 to 10, got {ScheduleExponent}"), nameof(ScheduleExponent));
        Require(EpochsPerIteration >= 0 && FinalEpochs >= 0, "EpochsPerIteration and FinalEpochs must not be negative", nameof(EpochsPerIteration));
        Require(MaxEpochs >= FinalEpochs, $"MaxEpochs ({MaxEpochs}) must leave room for the {FinalEpochs} final epochs", nameof(MaxEpochs));
        Require(Patience >= 1, $"Patience must be at least 1, got {Patience}", nameof(Patience));
        Require(MaxAdjustments >= 0, $"MaxAdjustments must not be negative, got {MaxAdjustments}", nameof(MaxAdjustments));
        Require(LearningRate > 0 && float.IsFinite(LearningRate), string.Create(CultureInfo.InvariantCulture, $"LearningRate must be positive, got {LearningRate}"), nameof(LearningRate));
        Require(DistillationWeight is >= 0 and <= 1, string.Create(CultureInfo.InvariantCulture, $"DistillationWeight must be in [0, 1], got {DistillationWeight}"), nameof(DistillationWeight));
        Require(DistillationTemperature >= 1 && float.IsFinite(DistillationTemperature), string.Create(CultureInfo.InvariantCulture, $"DistillationTemperature must be at least 1, got {DistillationTemperature}"), nameof(DistillationTemperature));
        Require(BatchSize >= 1, $"BatchSize must be at least 1, got {BatchSize}", nameof(BatchSize));
        Require(LatencyMargin is >= 0 and < 0.5, string.Create(CultureInfo.InvariantCulture, $"LatencyMargin must be in [0, 0.5), got {LatencyMargin}"), nameof(LatencyMargin));
        Latency.Validate();
    }
}
