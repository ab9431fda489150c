using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shears.Pruning;

/// <summary>
/// Reads and writes pruning plans as JSON (camelCase, enums as lower-case words, granularities by
/// their one name). Reads the current schema and format 1.
/// </summary>
public static class PlanJson
{
    // Shared with the other JSON files that hold plans (checkpoint state, plan summaries), which accept unknown fields.
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new PruningGranularityNames.JsonConverter(),
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
        },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The plan as indented JSON text in the current schema.</summary>
    /// <param name="plan">The plan to write.</param>
    public static string Serialize(PruningPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>Reads a plan from JSON text of the current schema or format 1.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">What the text came from (a file path), to start error messages with.</param>
    /// <exception cref="ShearsException">The text is not valid JSON, not a Shears pruning plan, of an unknown version, or has unknown fields.</exception>
    public static PruningPlan Deserialize(string json, string source = "plan")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ShearsException($"{source}: not a pruning plan (the JSON is not an object)");
            }
            var format = document.RootElement.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format == LegacyPlanV1.Format1)
            {
                return Read<LegacyPlanV1>(document, source).ToCurrent();
            }
            if (format != PruningPlan.FormatName)
            {
                throw new ShearsException($"{source}: not a Shears pruning plan (format '{format}', expected '{PruningPlan.FormatName}')");
            }
            var version = document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : 0;
            if (version < 2 || version > PruningPlan.CurrentVersion)
            {
                throw new ShearsException($"{source}: pruning plan version {version} is not one this Shears reads (1 to {PruningPlan.CurrentVersion})");
            }
            return Read<PruningPlan>(document, source);
        }
        catch (JsonException e)
        {
            throw new ShearsException($"{source}: not a valid pruning plan ({e.Message.Split('.')[0]})", e);
        }
    }

    private static T Read<T>(JsonDocument document, string source)
        where T : class => document.Deserialize<T>(Options) ?? throw new ShearsException($"{source}: empty pruning plan");

    /// <summary>Reads a plan from a JSON file.</summary>
    /// <param name="path">The plan file.</param>
    /// <exception cref="ShearsException">The file does not exist or does not hold a valid plan.</exception>
    public static PruningPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: plan file not found");
        }
        return Deserialize(File.ReadAllText(path), path);
    }
}
