using System.Globalization;

namespace Shears.Hardware.Host;

/// <summary>
/// The CPU a benchmark or report ran on, in one line: model name, family and model numbers (which tell generations apart
/// where the name does not) and the profile's measured peak, as every committed figure must name them.
/// </summary>
public static class CpuIdentity
{
    /// <summary>A line such as "Intel(R) Xeon(R) Processor, family 6 model 207, 157.6 GFLOP/s float32 per core (measured)".</summary>
    /// <param name="profile">The host's profile, for its description and measured peak; another target's profile gives its own description.</param>
    public static string Describe(HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Name != HostDetector.ProfileName)
        {
            return $"{profile.Name} (profile: {profile.Description})";
        }
        var fields = ReadCpuInfo();
        var name = fields.GetValueOrDefault("model name") ?? profile.Description;
        var family = fields.TryGetValue("cpu family", out var f) && fields.TryGetValue("model", out var m) ? $", family {f} model {m}" : "";
        var peak = profile.Compute.Float32GflopsPerCore is { } g ? string.Create(CultureInfo.InvariantCulture, $", {g:0.0} GFLOP/s float32 per core (measured)") : "";
        return $"{name}{family}{peak}";
    }

    private static Dictionary<string, string> ReadCpuInfo()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.Length == 0)
                {
                    break;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return fields;
    }
}
