namespace Shears.Strategy;

/// <summary>Whole-model latency at one batch size.</summary>
/// <param name="Batch">The batch size.</param>
/// <param name="Ms">Milliseconds per run.</param>
/// <param name="Source">How it was obtained: measured, or predicted by a latency model (its method text).</param>
public sealed record BatchLatency(int Batch, double Ms, string Source);
