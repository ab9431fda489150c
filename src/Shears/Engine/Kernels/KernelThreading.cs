namespace Shears.Engine.Kernels;

/// <summary>How many threads the kernels may use. Never more than the machine has processors.</summary>
public static class KernelThreading
{
    /// <summary>Environment variable that sets the initial <see cref="ThreadCount"/>.</summary>
    public const string EnvironmentVariable = "SHEARS_THREADS";

    // 0 until first read: the environment is parsed lazily so a bad value surfaces as a
    // ShearsException rather than a type-initialisation failure.
    private static int _threadCount;

    /// <summary>
    /// Threads a kernel call may use, the calling thread included; defaults to
    /// <see cref="Environment.ProcessorCount"/>. Values above the processor count are capped when used.
    /// </summary>
    public static int ThreadCount
    {
        get => _threadCount > 0 ? _threadCount : _threadCount = ParseThreadCount(Environment.GetEnvironmentVariable(EnvironmentVariable));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _threadCount = value;
        }
    }

    /// <summary>The thread count kernels actually use: <see cref="ThreadCount"/> capped at the processor count.</summary>
    public static int EffectiveThreadCount => Math.Min(ThreadCount, Environment.ProcessorCount);

    /// <summary>The thread count an <see cref="EnvironmentVariable"/> value asks for; unset means one per processor.</summary>
    internal static int ParseThreadCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Environment.ProcessorCount;
        }
        if (!int.TryParse(text, out var count) || count < 1)
        {
            throw new ShearsException($"{EnvironmentVariable}='{text}' is not a positive thread count");
        }
        return count;
    }
}
