namespace Shears.Interop.Tests.Latency;

/// <summary>Timing tests run alone: other tests running beside them would be timed too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencyMeasurementCollection
{
    public const string Name = "Latency measurement";
}
