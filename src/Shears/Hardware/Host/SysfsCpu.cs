using System.Globalization;

namespace Shears.Hardware.Host;

/// <summary>Reads CPU topology, caches and clock from a Linux sysfs tree (devices/system/cpu below the given root).</summary>
internal sealed class SysfsCpu(string sysRoot)
{
    private readonly string _cpuRoot = Path.Combine(sysRoot, "devices", "system", "cpu");

    /// <summary>The caches cpu0 sees, in sysfs index order; empty when sysfs has none.</summary>
    public IReadOnlyList<CacheInfo> Caches()
    {
        var cacheRoot = Path.Combine(_cpuRoot, "cpu0", "cache");
        if (!Directory.Exists(cacheRoot))
        {
            return [];
        }
        var threadsPerCore = CountCpus(Read(Path.Combine(_cpuRoot, "cpu0", "topology", "thread_siblings_list"))) ?? 1;
        var caches = new List<CacheInfo>();
        foreach (var index in Directory.GetDirectories(cacheRoot, "index*").Order(StringComparer.Ordinal))
        {
            var level = ParseInt(Read(Path.Combine(index, "level")));
            var size = ParseSize(Read(Path.Combine(index, "size")));
            var type = ParseType(Read(Path.Combine(index, "type")));
            if (level is null || size is null || type is null)
            {
                continue;
            }
            var sharers = CountCpus(Read(Path.Combine(index, "shared_cpu_list"))) ?? 1;
            caches.Add(new CacheInfo
            {
                Level = level.Value,
                Type = type.Value,
                SizeBytes = size.Value,
                Scope = sharers > threadsPerCore ? CacheScope.Shared : CacheScope.PerCore,
            });
        }
        return caches;
    }

    /// <summary>Distinct (package, core) pairs over the online CPUs; null without topology.</summary>
    public int? PhysicalCores()
    {
        if (!Directory.Exists(_cpuRoot))
        {
            return null;
        }
        var cores = new HashSet<(string, string)>();
        foreach (var cpu in Directory.GetDirectories(_cpuRoot, "cpu*"))
        {
            var topology = Path.Combine(cpu, "topology");
            if (Read(Path.Combine(topology, "core_id")) is { } core)
            {
                cores.Add((Read(Path.Combine(topology, "physical_package_id")) ?? "0", core));
            }
        }
        return cores.Count > 0 ? cores.Count : null;
    }

    /// <summary>The maximum clock from cpufreq, in GHz; null where cpufreq is absent (common in virtual machines).</summary>
    public double? MaxClockGhz() =>
        ParseInt(Read(Path.Combine(_cpuRoot, "cpu0", "cpufreq", "cpuinfo_max_freq"))) is { } kiloHertz && kiloHertz > 0
            ? kiloHertz / 1e6
            : null;

    /// <summary>Counts the CPUs in a sysfs CPU list such as "0-3,8,10-11".</summary>
    internal static int? CountCpus(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }
        var count = 0;
        foreach (var range in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = range.Split('-');
            if (ParseInt(bounds[0]) is not { } low || ParseInt(bounds[^1]) is not { } high || high < low)
            {
                return null;
            }
            count += high - low + 1;
        }
        return count;
    }

    /// <summary>Parses sysfs sizes such as "32K", "2M" or "512".</summary>
    internal static long? ParseSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1L,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value * multiplier : null;
    }

    private static CacheType? ParseType(string? text) => text switch
    {
        "Data" => CacheType.Data,
        "Instruction" => CacheType.Instruction,
        "Unified" => CacheType.Unified,
        _ => null,
    };

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
