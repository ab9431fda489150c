using System.Runtime.InteropServices;

namespace Shears.Hardware.Latency;

/// <summary>
/// CPU time consumed by the calling thread, from the OS (Linux clock_gettime with
/// CLOCK_THREAD_CPUTIME_ID); unavailable elsewhere, where callers fall back to wall time.
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ThreadCpuClockId = 3;

    private static readonly Lazy<bool> Supported = new(Probe);

    /// <summary>Whether this OS offers the per-thread CPU clock (Linux); when false, timings use wall time only.</summary>
    public static bool IsAvailable => Supported.Value;

    /// <summary>Nanoseconds of CPU time this thread has used, or null where the clock is unavailable.</summary>
    public static long? NowNanoseconds()
    {
        if (!IsAvailable)
        {
            return null;
        }
        return Read(out var nanoseconds) ? nanoseconds : null;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return Read(out _);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool Read(out long nanoseconds)
    {
        if (NativeMethods.ClockGetTime(ThreadCpuClockId, out var time) != 0)
        {
            nanoseconds = 0;
            return false;
        }
        nanoseconds = (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static partial int ClockGetTime(int clockId, out TimeSpec time);
    }
}
