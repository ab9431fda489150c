using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Shears.Hardware;

/// <summary>JSON form of <see cref="HardwareProfile"/>: camelCase properties, kebab-case enum values, nulls omitted.</summary>
public static class ProfileJson
{
    /// <summary>Options for profiles and anything that embeds one; unknown properties are errors, to catch typos.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    internal static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The profile as JSON in the form profile files use (indented or not as <see cref="Options"/> says), such as to save or show it.</summary>
    public static string Serialize(HardwareProfile profile) => JsonSerializer.Serialize(profile, Options);

    internal static JsonObject ToNode(HardwareProfile profile) => JsonSerializer.SerializeToNode(profile, Options)!.AsObject();

    /// <summary>
    /// Reads one self-contained profile and validates it; <paramref name="location"/> names the text in
    /// error messages. Profiles that use "basedOn" need the others: load them through the profile catalog.
    /// </summary>
    public static HardwareProfile Deserialize(string json, string location)
    {
        var node = ParseObject(json, location);
        if (node["basedOn"] is not null)
        {
            throw new ShearsException($"{location}: a profile with basedOn must be loaded through the profile catalog");
        }
        return ProfileResolver.Complete(FromNode(node, location), location);
    }

    internal static JsonObject ParseObject(string json, string location)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ShearsException($"{location}: invalid JSON at line {(e.LineNumber ?? 0) + 1}: {WithoutPosition(e.Message)}", e);
        }
        return node as JsonObject ?? throw new ShearsException($"{location}: a profile must be a JSON object");
    }

    internal static HardwareProfile FromNode(JsonObject node, string location)
    {
        try
        {
            return node.Deserialize<HardwareProfile>(Options) ?? throw new ShearsException($"{location}: empty profile");
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) ? "" : $" (at {e.Path})";
            throw new ShearsException($"{location}: {WithoutPosition(e.Message)}{at}", e);
        }
    }

    // System.Text.Json appends "Path: … | LineNumber: …" to its own messages; we report the path once, our way.
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            // Lets an invalid profile (NaN, infinity) reach the validator, which names the field, instead of failing to serialise.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new ReadableEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
