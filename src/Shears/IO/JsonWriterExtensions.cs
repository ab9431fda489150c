using System.Text.Json;

namespace Shears.IO;

/// <summary>Writer calls the hand-written reports share.</summary>
public static class JsonWriterExtensions
{
    /// <summary>A number, or an explicit null so readers see the field was considered.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <inheritdoc cref="WriteNumberOrNull(Utf8JsonWriter, string, double?)"/>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
