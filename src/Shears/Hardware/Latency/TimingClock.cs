namespace Shears.Hardware.Latency;

/// <summary>Which clock a latency figure is read from.</summary>
public enum TimingClock
{
    /// <summary>Elapsed time: what a caller waits, including time the OS gave to other processes.</summary>
    Wall,

    /// <summary>
    /// CPU time of the running thread: on a busy machine it leaves out the time other processes took,
    /// so it is the steadier figure for single-threaded runs. Equals wall time on an idle machine.
    /// </summary>
    ThreadCpu,
}
