using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Shears.Bench;

/// <summary>GFLOP/s at the median time, for benchmark classes that implement <see cref="IFlopCounted"/>.</summary>
internal sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Floating-point operations per second at the median time, in billions";

    /// <summary>GFLOP/s of a finished case, or null when it has no result or no flop count.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        var counter = benchmarkCase.Descriptor.Type.GetMethod(nameof(IFlopCounted.Flops), BindingFlags.Public | BindingFlags.Static);
        if (median is not > 0 || counter is null)
        {
            return null;
        }
        // Flops per nanosecond is GFLOP/s.
        return (double)counter.Invoke(null, [benchmarkCase])! / median.Value;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Of(summary, benchmarkCase)?.ToString("F1", CultureInfo.InvariantCulture) ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
