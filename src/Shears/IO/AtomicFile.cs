namespace Shears.IO;

/// <summary>Writes files so readers see either the old content or the complete new content, never a part.</summary>
public static class AtomicFile
{
    /// <summary>
    /// The full path, after checking that a file can be written there (its folder exists, it is not a folder), so a
    /// command can refuse a bad output path before long work rather than after it.
    /// </summary>
    /// <exception cref="ShearsException">The folder is missing or the path is a folder.</exception>
    public static string RequireWritableLocation(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new ShearsException($"{path}: directory '{directory}' does not exist");
        }
        if (Directory.Exists(full))
        {
            throw new ShearsException($"{path}: is a directory");
        }
        return full;
    }

    /// <summary>
    /// Writes a file through <paramref name="write"/> into a temporary file beside it, flushes it to disk, then moves it
    /// over <paramref name="path"/>; on any failure the temporary file is removed and the old file is left as it was.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the complete content to the stream it is given.</param>
    /// <exception cref="ShearsException">The location cannot be written, or writing failed with an I/O or access error.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = RequireWritableLocation(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temporary);
            throw new ShearsException($"{path}: cannot write: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temporary);
            throw new ShearsException($"{path}: cannot write: {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Creates a folder (and its parents) for files about to be written; fails with one line naming its purpose.</summary>
    public static void EnsureDirectory(string directory, string purpose)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShearsException($"{directory}: cannot create the {purpose} folder: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically as <see cref="Write"/> does.</summary>
    /// <exception cref="ShearsException">The location cannot be written, or writing failed.</exception>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
