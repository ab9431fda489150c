using System.Text;
using System.Text.Json;

namespace Shears.IO;

/// <summary>Hand-written JSON reports: the writer set-up they share, so every report is indented the same way.</summary>
public static class IndentedJson
{
    /// <summary>Runs <paramref name="write"/> on an indented writer and returns the text it wrote.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
