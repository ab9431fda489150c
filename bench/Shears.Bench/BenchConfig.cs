using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Shears.Bench;

/// <summary>
/// A short in-process job (the kernels are long-running and steady, so fewer iterations suffice)
/// with median and GFLOP/s columns.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)))
        .AddColumn(StatisticColumn.Median, new GflopsColumn())
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
}
