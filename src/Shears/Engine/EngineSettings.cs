namespace Shears.Engine;

/// <summary>Process-wide engine settings.</summary>
public static class EngineSettings
{
    private static int _threads = DefaultThreads();

    /// <summary>Worker threads for kernels (default: SHEARS_THREADS or the processor count).</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "at least one thread");
    }

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("SHEARS_THREADS"), out var t) && t > 0 ? t : Environment.ProcessorCount;
}
