using System.Text;

namespace Shears.Hardware;

/// <summary>
/// Presents a profile to people (rows of label, value and source, or a plain text table) and to
/// programs (JSON). This is what `shears hardware` shows.
/// </summary>
public static class HardwareReport
{
    /// <summary>The profile as rows for a table; figures the profile does not state are left out.</summary>
    public static IReadOnlyList<ReportRow> Rows(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rows = new List<ReportRow>();
        // A row that summarises several figures names each distinct source once.
        void Add(string label, string? value, params string[] paths)
        {
            if (!string.IsNullOrEmpty(value))
            {
                var sources = paths.Where(path => path.Length > 0).Select(profile.SourceOf).OfType<string>().Distinct();
                rows.Add(new ReportRow(label, value, string.Join("; ", sources)));
            }
        }

        Add("Profile", profile.Name, "");
        Add("Kind", ReadableEnumConverter<HardwareKind>.NameOf(profile.Kind), "");
        Add("Description", profile.Description, "");
        Add("Based on", profile.BasedOn, "");
        Add("Fingerprint", profile.Fingerprint, "");
        Add("Cores", Units.Number(profile.Cores), "cores");
        Add("Logical processors", profile.LogicalProcessors is { } logical ? Units.Number(logical) : null, "logicalProcessors");
        Add("Clock", profile.ClockGhz is { } clock ? $"{Units.Number(clock, "0.00")} GHz" : null, "clockGhz");
        Add("SIMD", profile.Simd is { } simd ? $"{simd.Bits}-bit, {simd.Float32Lanes} float32 lanes" : null, "simd");
        Add("Instruction sets", string.Join(", ", profile.InstructionSets.Select(ReadableEnumConverter<InstructionSet>.NameOf)), "instructionSets");
        foreach (var cache in profile.Caches)
        {
            Add(CacheLabel(cache), $"{Units.Bytes(cache.SizeBytes)} {(cache.Scope == CacheScope.Shared ? "shared" : "per core")}", "caches");
        }
        var compute = profile.Compute;
        Add("Peak float32, one core", Rate(compute.Float32GflopsPerCore, "FLOP"), "compute.float32GflopsPerCore");
        Add("Peak float32", Rate(compute.Float32Gflops, "FLOP"), "compute.float32Gflops");
        Add("Peak TF32 matrix", Rate(compute.MatrixTf32Gflops, "FLOP"), "compute.matrixTf32Gflops");
        Add("Peak FP16/BF16 matrix", Rate(compute.MatrixFloat16Gflops, "FLOP"), "compute.matrixFloat16Gflops");
        Add("Peak INT8 matrix", Rate(compute.MatrixInt8Gops, "OP"), "compute.matrixInt8Gops");
        Add("Memory bandwidth", Bandwidth(profile.Memory.BandwidthGBps), "memory.bandwidthGBps");
        Add("Memory bandwidth, one core", Bandwidth(profile.Memory.SingleCoreBandwidthGBps), "memory.singleCoreBandwidthGBps");
        Add("Memory capacity", profile.Memory.CapacityBytes is { } capacity ? Units.Bytes(capacity) : null, "memory.capacityBytes");
        Add("Channel multiples", string.Join(", ", profile.PreferredChannelMultiples), "preferredChannelMultiples");
        foreach (var support in profile.Sparsity)
        {
            Add($"Sparsity {PatternLabel(support)}", SparsityValue(support), "sparsity");
        }
        if (profile.SystolicArray is { } array)
        {
            var precision = ReadableEnumConverter<Precision>.NameOf(array.Precision);
            Add("Systolic array", $"{array.Rows} x {array.Columns} {precision} PEs at {Units.Number(array.ClockGhz, "0.00")} GHz",
                "systolicArray.rows", "systolicArray.columns", "systolicArray.precision", "systolicArray.clockGhz");
            Add("On-chip buffer", Units.Bytes(array.OnChipBufferBytes), "systolicArray.onChipBufferBytes");
        }
        return rows;
    }

    /// <summary>The profile as indented JSON, the same form profile files use.</summary>
    public static string ToJson(HardwareProfile profile) => ProfileJson.Serialize(profile);

    /// <summary>The rows as a plain aligned table, for terminals without a table renderer.</summary>
    public static string ToText(HardwareProfile profile)
    {
        var rows = Rows(profile);
        var labelWidth = rows.Max(row => row.Label.Length);
        var valueWidth = rows.Max(row => row.Value.Length);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = $"{row.Label.PadRight(labelWidth)}  {row.Value.PadRight(valueWidth)}  {row.Source}";
            text.Append(line.TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private static string? Rate(double? giga, string operation) => giga is { } value ? Units.Rate(value, operation) : null;

    private static string? Bandwidth(double? gigabytes) => gigabytes is { } value ? $"{Units.Number(value, "0.#")} GB/s" : null;

    private static string CacheLabel(CacheInfo cache) => cache.Type switch
    {
        CacheType.Data => $"L{cache.Level} data cache",
        CacheType.Instruction => $"L{cache.Level} instruction cache",
        _ => $"L{cache.Level} cache",
    };

    private static string PatternLabel(SparsitySupport support) => support.Pattern switch
    {
        SparsityPattern.NOfM => $"{support.N}:{support.M}",
        SparsityPattern.Block => $"block {support.BlockRows}x{support.BlockColumns}",
        _ => "unstructured",
    };

    private static string SparsityValue(SparsitySupport support)
    {
        var text = new StringBuilder($"{Units.Number(support.SpeedUp)}x");
        if (support.AtSparsity is { } fraction)
        {
            text.Append($" at {Units.Number(fraction * 100, "0")}% zeros");
        }
        if (!string.IsNullOrEmpty(support.AppliesTo))
        {
            text.Append($" on {support.AppliesTo}");
        }
        if (support.RequiresSparseKernels)
        {
            text.Append("; needs sparse kernels");
        }
        return text.ToString();
    }
}
