using Shears.Data;
using Shears.Engine;
using Shears.Evaluation;
using Shears.IR;

namespace Shears.Strategy;

/// <summary>
/// Scores models on a capped, seeded sample of the request's held-out training data (never a test set): the accuracy a
/// data-driven planner compares its choices by.
/// </summary>
internal sealed class ValidationProxy
{
    private readonly IBatchSource _samples;
    private readonly EngineOptions? _engine;

    private ValidationProxy(IBatchSource samples, EngineOptions? engine)
    {
        _samples = samples;
        _engine = engine;
    }

    /// <summary>Samples scored.</summary>
    public int Count => _samples.Count;

    /// <summary>The proxy for <paramref name="request"/>; throws naming the planner when the request has no validation data.</summary>
    public static ValidationProxy For(PlanningRequest request, string planner, int samples)
    {
        var validation = request.Validation ?? throw new InvalidOptionException(
            $"the {planner} planner scores pruned models on held-out training data, and the request has none (Validation is null)", nameof(PlanningRequest.Validation));
        if (validation.Count == 0)
        {
            throw new InvalidOptionException($"the {planner} planner needs held-out training data, and Validation is empty", nameof(PlanningRequest.Validation));
        }
        return new ValidationProxy(BatchSubset.Sample(validation, samples, request.Seed, $"{planner}/validation"), request.Engine);
    }

    /// <summary>Top-1 accuracy of <paramref name="model"/> on the samples, in [0, 1].</summary>
    public double Accuracy(Model model, CancellationToken cancellation) =>
        ClassifierEvaluator.Evaluate(model, _samples, engine: _engine, cancellation: cancellation).Accuracy;
}
