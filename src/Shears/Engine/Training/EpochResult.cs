namespace Shears.Engine.Training;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean loss over the epoch's training batches, each measured before its step.</param>
/// <param name="Accuracy">Fraction of the epoch's training samples classified correctly, each measured before its step.</param>
/// <param name="Seconds">Wall-clock time of the epoch.</param>
/// <param name="SamplesPerSecond">Training throughput over the epoch.</param>
public sealed record EpochResult(int Epoch, double Loss, double Accuracy, double Seconds, double SamplesPerSecond);
