using System.Text.Json;
using Shears.IO;

namespace Shears.Hardware.Latency;

/// <summary>
/// Latency tables on disk: one JSON file per host fingerprint, runtime, thread count and batch,
/// holding every layer measured for that target, written atomically.
/// </summary>
public sealed class LatencyTableStore(string directory)
{
    /// <summary>The folder holding the table files.</summary>
    public string Directory { get; } = directory;

    /// <summary>The store in SHEARS_CACHE (or the XDG cache folder), under "latency".</summary>
    public static LatencyTableStore Default() => new(HardwareDirectories.LatencyCache());

    /// <summary>The file holding the table of a host fingerprint at the given settings.</summary>
    public string PathFor(string fingerprint, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.Combine(Directory, $"{fingerprint}-{settings.Key}.json");
    }

    /// <summary>The stored table, or null when absent, unreadable, of an older format, or for another target.</summary>
    public LatencyTable? TryLoad(string fingerprint, LatencySettings settings)
    {
        var path = PathFor(fingerprint, settings);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            var table = JsonSerializer.Deserialize<LatencyTable>(File.ReadAllText(path), ProfileJson.Options);
            return table is { Format: LatencyTable.CurrentFormat } && table.Fingerprint == fingerprint && table.Settings == settings ? table : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ShearsException or NotSupportedException)
        {
            return null; // A damaged cache only costs a new measurement.
        }
    }

    /// <summary>Writes a table atomically under its fingerprint and settings, replacing the stored one; creates the folder when needed.</summary>
    /// <exception cref="ShearsException">The folder cannot be created or the file cannot be written.</exception>
    public void Save(LatencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.EnsureDirectory(Directory, "latency cache");
        AtomicFile.WriteText(PathFor(table.Fingerprint, table.Settings), JsonSerializer.Serialize(table, ProfileJson.Options));
    }
}
