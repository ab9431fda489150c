namespace Shears.Engine.Training;

/// <summary>A progress report during training.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="StepsPerEpoch">Steps an epoch.</param>
/// <param name="Loss">Mean loss so far this epoch.</param>
/// <param name="Accuracy">Training accuracy so far this epoch.</param>
/// <param name="SamplesPerSecond">Throughput so far this epoch.</param>
/// <param name="LearningRate">Rate of the last step.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double Accuracy, double SamplesPerSecond, float LearningRate);
