namespace Shears.Hardware.Latency;

/// <summary>How <see cref="LatencyTableBuilder"/> measures: for which target, with which vector block, sampled how.</summary>
public sealed record LatencyTableBuilderOptions
{
    /// <summary>The runtime, threads and batch to measure at.</summary>
    public LatencySettings Settings { get; init; } = LatencySettings.Default;

    /// <summary>Fingerprint of the host doing the measuring; tables are only valid there.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The vector block curves are read with; the host profile's first preferred channel multiple.</summary>
    public int Block { get; init; } = 16;

    /// <summary>Sampling of each single-layer model; null means <see cref="MeasurementOptions.ForTables"/>.</summary>
    public MeasurementOptions? Measurement { get; init; }

    /// <summary>Passes over all single-layer models; each point is its best pass.</summary>
    public int Passes { get; init; } = 3;

    /// <summary>Seeds the order of each pass.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The clock that stamps <see cref="LatencyTable.MeasuredAt"/>; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Options for measuring on <paramref name="host"/>: its fingerprint and its preferred channel block.</summary>
    public static LatencyTableBuilderOptions ForHost(HardwareProfile host, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        return new LatencyTableBuilderOptions
        {
            Fingerprint = host.Fingerprint ?? throw new ShearsException("the host has no fingerprint, so its latency tables cannot be cached"),
            Settings = settings,
            Block = host.PrimaryChannelMultiple(),
        };
    }
}
