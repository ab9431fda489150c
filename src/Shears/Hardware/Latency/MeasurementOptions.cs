namespace Shears.Hardware.Latency;

/// <summary>
/// How a latency meter samples: warm-up, how many runs for how long, and how it copes with a busy
/// machine (runs disturbed by other processes are recognised and, where enough clean ones exist, left out).
/// </summary>
public sealed record MeasurementOptions
{
    /// <summary>The runtime, threads and batch to time at.</summary>
    public LatencySettings Settings { get; init; } = LatencySettings.Default;

    /// <summary>The clock headline figures are read from; thread CPU time needs a single-threaded run.</summary>
    public TimingClock Clock { get; init; } = TimingClock.Wall;

    /// <summary>Also time every node (ONNX Runtime's profiler; the engine's kernel timers).</summary>
    public bool PerNode { get; init; } = true;

    /// <summary>
    /// With <see cref="PerNode"/>: time the whole model in a pass of its own with no per-node timing (an ONNX Runtime
    /// session with profiling off; the engine's plan without kernel timers), and time the nodes in a second pass, so
    /// the per-node timers' cost never enters the headline figures. Off only where the headline is not used
    /// (single-layer table models, which keep the layer's own node time); then one timed pass gives both.
    /// </summary>
    public bool WholeModelInPlainSession { get; init; } = true;

    /// <summary>Untimed runs first: caches, lazy allocation, pre-packing, tiered JIT.</summary>
    public int WarmupRuns { get; init; } = 3;

    /// <summary>Fewest timed samples; a sample is one run, or a group of short runs (see <see cref="MinSampleTime"/>).</summary>
    public int MinRuns { get; init; } = 10;

    /// <summary>Most timed samples; must be at least <see cref="MinRuns"/>.</summary>
    public int MaxRuns { get; init; } = 2000;

    /// <summary>
    /// Runs shorter than this are timed in groups that last about this long, each group one sample of the mean run
    /// time, so reading the clocks costs nothing beside a microsecond model and such a model gets thousands of runs.
    /// Zero times every run alone. Per-node passes always time runs alone.
    /// </summary>
    public TimeSpan MinSampleTime { get; init; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>Least time spent on timed runs; sampling goes on past <see cref="MinRuns"/> until it has passed.</summary>
    public TimeSpan MinTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sampling stops here even when fewer clean runs than asked for were seen.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Undisturbed runs wanted for per-node figures; sampling goes on (within the limits) until there are this many.</summary>
    public int MinCleanRuns { get; init; } = 5;

    /// <summary>A run is undisturbed when its thread CPU time is at least this share of its wall time.</summary>
    public double CleanCpuShare { get; init; } = 0.9;

    /// <summary>Settings for one careful measurement of a whole model: at least 10 samples and half a second.</summary>
    public static MeasurementOptions Default { get; } = new();

    /// <summary>A handful of runs, for checks that need well-formed figures rather than precise ones.</summary>
    public static MeasurementOptions Brief { get; } = new()
    {
        WarmupRuns = 1,
        MinRuns = 3,
        MaxRuns = 10,
        MinTime = TimeSpan.Zero,
        MaxTime = TimeSpan.FromSeconds(5),
        MinCleanRuns = 0,
    };

    /// <summary>Quick settings for building tables of many small single-layer models.</summary>
    public static MeasurementOptions ForTables(LatencySettings settings) => new()
    {
        Settings = settings,
        Clock = TimingClock.ThreadCpu,
        PerNode = true,
        WarmupRuns = 2,
        MinRuns = 7,
        MaxRuns = 60,
        MinTime = TimeSpan.FromMilliseconds(20),
        MaxTime = TimeSpan.FromSeconds(2),
        MinCleanRuns = 5,
    };

    /// <summary>Throws a <see cref="ShearsException"/> with one line when a setting is impossible.</summary>
    public void Validate()
    {
        Settings.Validate();
        if (WarmupRuns < 0 || MinRuns < 1 || MaxRuns < MinRuns || MinCleanRuns < 0)
        {
            throw new ShearsException("measurement needs warm-up ≥ 0, at least one run, and max runs ≥ min runs");
        }
        if (MinSampleTime < TimeSpan.Zero)
        {
            throw new ShearsException("the least sample time must not be negative");
        }
        if (CleanCpuShare is <= 0 or > 1)
        {
            throw new ShearsException("the clean-run CPU share must lie in (0, 1]");
        }
    }
}
