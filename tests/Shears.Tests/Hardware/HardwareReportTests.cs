using Shears.Hardware;

namespace Shears.Tests.Hardware;

public class HardwareReportTests
{
    [Fact]
    public void Rows_show_figures_with_units_and_sources()
    {
        var a100 = BuiltInProfileTests.Catalog().Find("nvidia-ampere-a100");

        var rows = HardwareReport.Rows(a100).ToDictionary(row => row.Label);

        Assert.Equal("19.5 TFLOP/s", rows["Peak float32"].Value);
        Assert.Equal("312 TFLOP/s", rows["Peak FP16/BF16 matrix"].Value);
        Assert.Equal("624 TOP/s", rows["Peak INT8 matrix"].Value);
        Assert.Equal("1555 GB/s", rows["Memory bandwidth"].Value);
        Assert.Equal("40 GiB", rows["Memory capacity"].Value);
        Assert.Equal("40 MiB shared", rows["L2 cache"].Value);
        Assert.Equal("8, 16, 64", rows["Channel multiples"].Value);
        Assert.StartsWith("2x at 50% zeros on tensor-core matrix multiply", rows["Sparsity 2:4"].Value, StringComparison.Ordinal);
        Assert.EndsWith("needs sparse kernels", rows["Sparsity 2:4"].Value, StringComparison.Ordinal);
        Assert.StartsWith("NVIDIA A100 datasheet", rows["Peak float32"].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Systolic_rows_describe_the_array()
    {
        var rows = HardwareReport.Rows(BuiltInProfileTests.Catalog().Find("systolic-array")).ToDictionary(row => row.Label);

        Assert.Equal("32 x 32 int8 PEs at 1.00 GHz", rows["Systolic array"].Value);
        Assert.Equal("2 MiB", rows["On-chip buffer"].Value);
        Assert.Equal("2.048 TOP/s", rows["Peak INT8 matrix"].Value);
        Assert.StartsWith("derived from systolicArray", rows["Peak INT8 matrix"].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Measured_host_rows_say_they_were_measured()
    {
        using var host = new FakeHost();
        var profile = host.Detector().Detect();

        var rows = HardwareReport.Rows(profile).ToDictionary(row => row.Label);

        Assert.Equal(profile.Fingerprint, rows["Fingerprint"].Value);
        Assert.Equal("100 GFLOP/s", rows["Peak float32, one core"].Value);
        Assert.StartsWith("measured on host", rows["Peak float32, one core"].Source, StringComparison.Ordinal);
        Assert.Equal("48 KiB per core", rows["L1 data cache"].Value);
        Assert.Equal("32 MiB shared", rows["L3 cache"].Value);
        Assert.Equal("4.50 GHz", rows["Clock"].Value);
    }

    [Fact]
    public void Text_table_aligns_one_row_per_line_and_json_round_trips()
    {
        var profile = BuiltInProfileTests.Catalog().Find("x86-avx512-server");

        var rows = HardwareReport.Rows(profile);
        var lines = HardwareReport.ToText(profile).TrimEnd('\n').Split('\n');
        var valueColumn = rows.Max(row => row.Label.Length) + 2;
        var json = HardwareReport.ToJson(profile);

        Assert.Equal(rows.Count, lines.Length);
        Assert.All(rows.Zip(lines), pair => Assert.Equal(pair.First.Value, pair.Second.Substring(valueColumn, pair.First.Value.Length)));
        Assert.Equal(json, HardwareReport.ToJson(ProfileJson.Deserialize(json, "report")));
    }
}
