namespace Shears.Hardware.Host;

/// <summary>One cached measurement: the figures, the hardware they belong to, and when they were taken.</summary>
public sealed record MeasurementRecord
{
    /// <summary>Bumped when the benchmarks change so that older figures are measured again.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public string Fingerprint { get; init; } = "";

    public DateTimeOffset MeasuredAt { get; init; }

    public HostMeasurements Measurements { get; init; } = new();
}
