namespace Shears.Engine.Training;

/// <summary>One finished epoch.</summary>
public sealed record EpochResult(int Epoch, double Loss, double Accuracy, double Seconds, double SamplesPerSecond);
