using System.Text.Json.Nodes;

namespace Shears.Hardware;

/// <summary>
/// The figures of a profile in JSON form: every value that needs a source, named by its dotted path.
/// Lists count as one figure; identity fields (name, kind, description) and the sources themselves do not.
/// </summary>
internal static class ProfileFigures
{
    private static readonly HashSet<string> IdentityProperties = ["name", "kind", "description", "basedOn", "fingerprint", "sources"];

    public static IEnumerable<string> Paths(JsonObject profile) =>
        profile.Where(property => !IdentityProperties.Contains(property.Key))
            .SelectMany(property => Paths(property.Key, property.Value));

    /// <summary>The path and each enclosing path, nearest first: "a.b.c", "a.b", "a".</summary>
    public static IEnumerable<string> SelfAndEnclosing(string path)
    {
        for (var candidate = path; candidate.Length > 0;)
        {
            yield return candidate;
            var dot = candidate.LastIndexOf('.');
            candidate = dot < 0 ? "" : candidate[..dot];
        }
    }

    private static IEnumerable<string> Paths(string path, JsonNode? value) => value switch
    {
        null => [],
        JsonObject inner => inner.SelectMany(property => Paths($"{path}.{property.Key}", property.Value)),
        JsonArray { Count: 0 } => [],
        _ => [path],
    };
}
