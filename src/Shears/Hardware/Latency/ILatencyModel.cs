using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// Predicts how long a model takes on a target. The planner asks only this; whether the answer
/// comes from tables measured on the target or from its datasheet figures is the implementation's business.
/// </summary>
public interface ILatencyModel
{
    /// <summary>Per-node and whole-model latency at the settings' runtime, threads and batch.</summary>
    LatencyPrediction Predict(Model model, LatencySettings settings);
}
