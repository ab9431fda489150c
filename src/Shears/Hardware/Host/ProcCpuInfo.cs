using System.Globalization;

namespace Shears.Hardware.Host;

/// <summary>The parts of Linux /proc/cpuinfo that describe the processor, taken from its first entry.</summary>
internal sealed record ProcCpuInfo
{
    public string? ModelName { get; init; }

    /// <summary>x86 "flags" or Arm "Features", lower case.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    public double? Mhz { get; init; }

    /// <summary>Distinct (physical id, core id) pairs, when the file lists them.</summary>
    public int? PhysicalCores { get; init; }

    public static ProcCpuInfo Parse(string text)
    {
        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cores = new HashSet<(string Package, string Core)>();
        var current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n').Append(""))
        {
            if (line.Trim().Length == 0)
            {
                if (current.TryGetValue("core id", out var core))
                {
                    cores.Add((current.GetValueOrDefault("physical id", "0"), core));
                }
                if (first.Count == 0)
                {
                    foreach (var (key, value) in current)
                    {
                        first[key] = value;
                    }
                }
                current.Clear();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                current[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        var flags = first.GetValueOrDefault("flags") ?? first.GetValueOrDefault("Features") ?? "";
        return new ProcCpuInfo
        {
            ModelName = NonEmpty(first.GetValueOrDefault("model name")) ?? ArmName(first),
            Flags = flags.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            Mhz = double.TryParse(first.GetValueOrDefault("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) && mhz > 0 ? mhz : null,
            PhysicalCores = cores.Count > 0 ? cores.Count : null,
        };
    }

    /// <summary>MemTotal from /proc/meminfo, in bytes.</summary>
    public static long? ParseMemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
                {
                    return kib * 1024;
                }
            }
        }
        return null;
    }

    // Arm kernels print no model name; implementer and part codes identify the core design.
    private static string? ArmName(Dictionary<string, string> entry) =>
        entry.TryGetValue("CPU part", out var part)
            ? $"Arm CPU (implementer {entry.GetValueOrDefault("CPU implementer", "?")}, part {part})"
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
