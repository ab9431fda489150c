namespace Shears.Hardware.Host;

/// <summary>One cached measurement: the figures, the hardware they belong to, and when they were taken.</summary>
public sealed record MeasurementRecord
{
    /// <summary>Bumped when the benchmarks change so that older figures are measured again.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The benchmark format the figures were measured with; records of another format are measured again.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The hardware fingerprint the figures belong to.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>When the figures were measured.</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The measured figures.</summary>
    public HostMeasurements Measurements { get; init; } = new();
}
