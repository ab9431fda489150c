using Shears.Engine;

namespace Shears.Cli;

/// <summary>The engine options of one command: the environment's (SHEARS_THREADS, SHEARS_KERNELS, SHEARS_WINOGRAD), then a --threads flag.</summary>
internal static class EngineOption
{
    public static EngineOptions Resolve(int? threads = null)
    {
        var options = EngineOptions.FromEnvironment();
        if (threads is not { } count)
        {
            return options;
        }
        return count >= 1 ? options with { Threads = count } : throw new UsageException($"--threads {count} must be at least 1");
    }
}
