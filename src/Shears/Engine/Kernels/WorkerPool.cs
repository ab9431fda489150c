using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// Runs the parts of one kernel call on the calling thread plus parked worker threads, without
/// allocating. One call at a time owns the workers; a call that finds them busy (another thread's
/// kernel, or a kernel nested inside a part) runs its parts inline, so the machine is never oversubscribed.
/// </summary>
internal static unsafe class WorkerPool
{
    private static readonly Lock GrowLock = new();
    private static Worker[] _workers = [];
    private static int _busy;
    private static delegate*<void*, int, void> _body;
    private static void* _state;
    private static int _pending;
    private static Exception? _failure;

    /// <summary>Calls <paramref name="body"/>(<paramref name="state"/>, part) for every part in [0, parts) and returns when all are done.</summary>
    public static void Run(int parts, delegate*<void*, int, void> body, void* state)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var part = 0; part < parts; part++)
            {
                body(state, part);
            }
            return;
        }
        try
        {
            var workers = EnsureWorkers(parts - 1);
            _body = body;
            _state = state;
            _failure = null;
            Volatile.Write(ref _pending, parts - 1);
            for (var part = 1; part < parts; part++)
            {
                workers[part - 1].Start(part);
            }
            try
            {
                body(state, 0);
            }
            finally
            {
                var spinner = default(SpinWait);
                while (Volatile.Read(ref _pending) != 0)
                {
                    // No Sleep(1): a millisecond is far longer than a kernel part.
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            _body = null;
            _state = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        if (_workers.Length >= count)
        {
            return _workers;
        }
        lock (GrowLock)
        {
            var grown = new Worker[count];
            Array.Copy(_workers, grown, _workers.Length);
            for (var i = _workers.Length; i < count; i++)
            {
                grown[i] = new Worker(i + 1);
            }
            _workers = grown;
            return grown;
        }
    }

    private static void RunPart(int part)
    {
        try
        {
            _body(_state, part);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// A parked thread that runs one part per job. After a part it spins briefly before sleeping:
    /// kernels are usually called back to back, and waking a sleeping thread can take longer than
    /// a whole part when the machine is busy.
    /// </summary>
    private sealed class Worker
    {
        private const int Idle = 0;
        private const int Sleeping = 1;
        private const int Posted = 2;

        private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

        private readonly SemaphoreSlim _wake = new(0);
        private int _state;
        private int _part;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Shears kernel worker {index}" };
            thread.Start();
        }

        public void Start(int part)
        {
            _part = part;
            // Only a worker that announced it is asleep needs the semaphore; a spinning one sees the state.
            if (Interlocked.Exchange(ref _state, Posted) == Sleeping)
            {
                _wake.Release();
            }
        }

        private void Loop()
        {
            while (true)
            {
                var deadline = Stopwatch.GetTimestamp() + SpinTicks;
                var spinner = default(SpinWait);
                while (Volatile.Read(ref _state) != Posted && Stopwatch.GetTimestamp() < deadline)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
                if (Interlocked.CompareExchange(ref _state, Sleeping, Idle) == Idle)
                {
                    _wake.Wait();
                }
                Volatile.Write(ref _state, Idle);
                RunPart(_part);
            }
        }
    }
}
