using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shears.Pruning;

/// <summary>
/// The one spelling of each granularity, shared by the command line, plan JSON, reports and
/// hardware profiles ("n:m", not "nm" or "n-of-m"). Older spellings are still read.
/// </summary>
public static class PruningGranularityNames
{
    private static readonly FrozenDictionary<PruningGranularity, string> Names = new Dictionary<PruningGranularity, string>
    {
        [PruningGranularity.Unstructured] = "unstructured",
        [PruningGranularity.NM] = "n:m",
        [PruningGranularity.Block] = "block",
        [PruningGranularity.Channel] = "channel",
        [PruningGranularity.Head] = "head",
        [PruningGranularity.Layer] = "layer",
    }.ToFrozenDictionary();

    // Plans of format 1 wrote N:M as "nm"; hardware profiles wrote "n-of-m".
    private static readonly FrozenDictionary<string, PruningGranularity> Legacy = new Dictionary<string, PruningGranularity>(StringComparer.Ordinal)
    {
        ["nm"] = PruningGranularity.NM,
        ["n-of-m"] = PruningGranularity.NM,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every granularity by its name, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, PruningGranularity>> All { get; } =
        [.. Enum.GetValues<PruningGranularity>().Select(g => KeyValuePair.Create(Names[g], g))];

    /// <summary>The granularity's one current name ("unstructured", "n:m", "block", "channel", "head", "layer").</summary>
    public static string Name(this PruningGranularity granularity) => Names[granularity];

    /// <summary>The granularity a name (current or legacy) stands for, or null.</summary>
    public static PruningGranularity? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (key, value) in All)
        {
            if (key == name)
            {
                return value;
            }
        }
        return Legacy.TryGetValue(name, out var legacy) ? legacy : null;
    }

    /// <summary>Reads and writes granularities by name in JSON.</summary>
    internal sealed class JsonConverter : JsonConverter<PruningGranularity>
    {
        public override PruningGranularity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("a granularity is a string");
            return Find(text) ?? throw new JsonException($"unknown granularity '{text}' (expected one of {string.Join(", ", All.Select(a => a.Key))})");
        }

        public override void Write(Utf8JsonWriter writer, PruningGranularity value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
    }
}
