using System.Text.Json;
using Shears.IO;

namespace Shears.Hardware.Host;

/// <summary>Measured host figures on disk, one JSON file per hardware fingerprint, written atomically.</summary>
public sealed class MeasurementCache(string directory)
{
    /// <summary>The folder holding the cache files.</summary>
    public string Directory { get; } = directory;

    /// <summary>The file a fingerprint's measurements are cached in.</summary>
    public string PathFor(string fingerprint) => Path.Combine(Directory, $"{fingerprint}.json");

    /// <summary>The cached record for a fingerprint; null when absent, unreadable, from another fingerprint, or of an older format.</summary>
    public MeasurementRecord? TryRead(string fingerprint)
    {
        var path = PathFor(fingerprint);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            var record = JsonSerializer.Deserialize<MeasurementRecord>(File.ReadAllText(path), ProfileJson.Options);
            return record is { Format: MeasurementRecord.CurrentFormat } && record.Fingerprint == fingerprint ? record : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // A damaged cache only costs a new measurement.
        }
    }

    /// <summary>Saves a record under its fingerprint atomically, creating the folder when needed.</summary>
    /// <exception cref="ShearsException">The folder cannot be created or the file cannot be written.</exception>
    public void Write(MeasurementRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.EnsureDirectory(Directory, "hardware cache");
        AtomicFile.WriteText(PathFor(record.Fingerprint), JsonSerializer.Serialize(record, ProfileJson.Options));
    }
}
