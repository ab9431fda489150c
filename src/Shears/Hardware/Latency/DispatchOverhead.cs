namespace Shears.Hardware.Latency;

/// <summary>
/// What a whole model costs beyond its nodes' own times, measured once per model a table is built
/// for: the run's time less the sum of its runtime nodes' times, per runtime node.
/// </summary>
/// <param name="Model">The measured model's structural fingerprint.</param>
/// <param name="Nodes">Runtime nodes per run.</param>
/// <param name="PerNodeMs">The overhead divided among them, in milliseconds.</param>
public sealed record DispatchOverhead(string Model, int Nodes, double PerNodeMs);
