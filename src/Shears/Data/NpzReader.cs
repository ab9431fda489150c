using System.IO.Compression;

namespace Shears.Data;

/// <summary>Reads NumPy <c>.npz</c> archives (a zip of <c>.npy</c> files, stored or deflated) into named arrays.</summary>
public static class NpzReader
{
    /// <summary>Every array in the archive, keyed by its name without <c>.npy</c>.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: no such file");
        }
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                {
                    continue;
                }
                if (entry.Length > Array.MaxLength)
                {
                    throw new ShearsException($"{path}: array {entry.FullName} is larger than {Array.MaxLength} bytes");
                }
                var bytes = new byte[entry.Length];
                using (var stream = entry.Open())
                {
                    if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
                    {
                        throw new ShearsException($"{path}: truncated: array {entry.FullName} ends early");
                    }
                }
                var name = entry.FullName[..^".npy".Length];
                arrays[name] = NpyReader.Read(bytes, $"{path}[{name}]");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ShearsException($"{path}: not a readable .npz (zip) archive: {e.Message}", e);
        }
        return arrays;
    }
}
