using System.Text.RegularExpressions;

namespace Shears.Hardware;

/// <summary>Checks that a profile is physically sensible and that every figure has a source.</summary>
public static partial class ProfileValidator
{
    /// <summary>Throws a one-line <see cref="ShearsException"/> naming the first problem (and how many more there are).</summary>
    public static void Validate(HardwareProfile profile, string location)
    {
        var problems = Problems(profile);
        if (problems.Count == 0)
        {
            return;
        }
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
        var subject = string.IsNullOrWhiteSpace(profile.Name) ? location : $"{location}: profile '{profile.Name}'";
        throw new ShearsException($"{subject}: {problems[0]}{more}");
    }

    /// <summary>Every problem found, each a short phrase; empty when the profile is valid.</summary>
    public static IReadOnlyList<string> Problems(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var problems = new List<string>();
        CheckIdentity(profile, problems);
        CheckProcessor(profile, problems);
        CheckCompute(profile.Compute, problems);
        CheckMemory(profile.Memory, problems);
        foreach (var multiple in profile.PreferredChannelMultiples.Where(multiple => multiple < 1))
        {
            problems.Add($"preferredChannelMultiples: {multiple} is not a positive channel count");
        }
        foreach (var support in profile.Sparsity)
        {
            CheckSparsity(support, problems);
        }
        if (profile.SystolicArray is { } array)
        {
            CheckSystolicArray(array, problems);
        }
        CheckSources(profile, problems);
        return problems;
    }

    private static void CheckIdentity(HardwareProfile profile, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            problems.Add("missing name");
        }
        else if (!NamePattern().IsMatch(profile.Name))
        {
            problems.Add($"name '{profile.Name}' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        if (!Enum.IsDefined(profile.Kind))
        {
            problems.Add($"unknown kind {(int)profile.Kind}");
        }
    }

    private static void CheckProcessor(HardwareProfile profile, List<string> problems)
    {
        if (profile.Cores < 1)
        {
            problems.Add($"cores must be at least 1 (got {profile.Cores})");
        }
        if (profile.LogicalProcessors is { } logical && logical < profile.Cores)
        {
            problems.Add($"logicalProcessors ({logical}) must not be fewer than cores ({profile.Cores})");
        }
        RequirePositive("clockGhz", profile.ClockGhz, problems);
        if (profile.Simd is { } simd && (simd.Bits < 32 || simd.Bits % 32 != 0 || simd.Float32Lanes != simd.Bits / 32))
        {
            problems.Add($"simd: {simd.Bits} bits must be a multiple of 32 holding bits/32 float32 lanes (got {simd.Float32Lanes} lanes)");
        }
        foreach (var cache in profile.Caches)
        {
            if (cache.Level is < 1 or > 4 || cache.SizeBytes <= 0 || !Enum.IsDefined(cache.Type) || !Enum.IsDefined(cache.Scope))
            {
                problems.Add($"caches: level {cache.Level} of {cache.SizeBytes} bytes is not a valid cache (level 1-4, positive size)");
            }
        }
    }

    private static void CheckCompute(PeakCompute compute, List<string> problems)
    {
        RequirePositive("compute.float32GflopsPerCore", compute.Float32GflopsPerCore, problems);
        RequirePositive("compute.float32Gflops", compute.Float32Gflops, problems);
        RequirePositive("compute.matrixTf32Gflops", compute.MatrixTf32Gflops, problems);
        RequirePositive("compute.matrixFloat16Gflops", compute.MatrixFloat16Gflops, problems);
        RequirePositive("compute.matrixInt8Gops", compute.MatrixInt8Gops, problems);
        if (compute.Float32GflopsPerCore > compute.Float32Gflops)
        {
            problems.Add("compute: float32GflopsPerCore exceeds float32Gflops for the whole device");
        }
    }

    private static void CheckMemory(MemoryFigures memory, List<string> problems)
    {
        RequirePositive("memory.bandwidthGBps", memory.BandwidthGBps, problems);
        RequirePositive("memory.singleCoreBandwidthGBps", memory.SingleCoreBandwidthGBps, problems);
        if (memory.CapacityBytes is <= 0)
        {
            problems.Add($"memory.capacityBytes must be positive (got {memory.CapacityBytes})");
        }
    }

    private static void CheckSparsity(SparsitySupport support, List<string> problems)
    {
        var label = $"sparsity {ReadableEnumConverter<SparsityPattern>.NameOf(support.Pattern)}";
        RequirePositive($"{label}: speedUp", support.SpeedUp, problems);
        if (support.AtSparsity is { } fraction && !(fraction is >= 0 and < 1))
        {
            problems.Add($"{label}: atSparsity must be a fraction in [0, 1) (got {fraction})");
        }
        var isNOfM = support.Pattern == SparsityPattern.NOfM;
        var isBlock = support.Pattern == SparsityPattern.Block;
        if (isNOfM && !(support.N is > 0 && support.M is { } m && support.N < m))
        {
            problems.Add($"{label}: needs n and m with 0 < n < m (got {support.N}:{support.M})");
        }
        if (!isNOfM && (support.N is not null || support.M is not null))
        {
            problems.Add($"{label}: n and m apply only to n:m sparsity");
        }
        if (isBlock && !(support.BlockRows is > 0 && support.BlockColumns is > 0))
        {
            problems.Add($"{label}: needs positive blockRows and blockColumns");
        }
        if (!isBlock && (support.BlockRows is not null || support.BlockColumns is not null))
        {
            problems.Add($"{label}: blockRows and blockColumns apply only to block sparsity");
        }
    }

    private static void CheckSystolicArray(SystolicArray array, List<string> problems)
    {
        if (array.Rows < 1 || array.Columns < 1)
        {
            problems.Add($"systolicArray: rows and columns must be at least 1 (got {array.Rows}x{array.Columns})");
        }
        RequirePositive("systolicArray.clockGhz", array.ClockGhz, problems);
        if (array.OnChipBufferBytes < 0)
        {
            problems.Add($"systolicArray.onChipBufferBytes must not be negative (got {array.OnChipBufferBytes})");
        }
    }

    private static void CheckSources(HardwareProfile profile, List<string> problems)
    {
        var unsourced = ProfileFigures.Paths(ProfileJson.ToNode(profile))
            .Where(path => profile.SourceOf(path) is null)
            .ToList();
        if (unsourced.Count > 0)
        {
            problems.Add($"no source for {string.Join(", ", unsourced)} (add them to \"sources\")");
        }
    }

    private static void RequirePositive(string what, double? value, List<string> problems)
    {
        if (value is { } number && !(double.IsFinite(number) && number > 0))
        {
            problems.Add($"{what} must be a positive finite number (got {number})");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
