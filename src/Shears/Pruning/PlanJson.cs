using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shears.Pruning;

/// <summary>Reads and writes pruning plans as JSON (camelCase, enums as lower-case words).</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Serialize(PruningPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static PruningPlan Deserialize(string json, string source = "plan")
    {
        try
        {
            return JsonSerializer.Deserialize<PruningPlan>(json, Options) ?? throw new ShearsException($"{source}: empty pruning plan");
        }
        catch (JsonException e)
        {
            throw new ShearsException($"{source}: not a valid pruning plan ({e.Message.Split('.')[0]})", e);
        }
    }

    public static PruningPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: plan file not found");
        }
        return Deserialize(File.ReadAllText(path), path);
    }
}
