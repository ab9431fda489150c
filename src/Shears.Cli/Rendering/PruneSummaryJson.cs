using System.Text;
using System.Text.Json;
using Shears.Analysis;
using Shears.Pruning;

namespace Shears.Cli.Rendering;

/// <summary>The JSON summary of a pruning run: totals before and after, and the decision per group or weight.</summary>
internal static class PruneSummaryJson
{
    public static string Serialize(PruningPlan plan, ModelAnalysis before, ModelAnalysis after, Sparsity sparseBefore, Sparsity sparseAfter)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("granularity", plan.Granularity.ToString().ToLowerInvariant());
            json.WriteString("criterion", plan.Criterion.ToString().ToLowerInvariant());
            Totals(json, "before", before, sparseBefore);
            Totals(json, "after", after, sparseAfter);
            json.WriteStartArray("groups");
            foreach (var g in plan.Groups)
            {
                json.WriteStartObject();
                json.WriteString("key", g.Key);
                json.WriteString("kind", g.Kind.ToString().ToLowerInvariant());
                json.WriteNumber("units", g.Units);
                json.WriteNumber("removed", g.Removed.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("weights");
            foreach (var w in sparseAfter.PerWeight)
            {
                json.WriteStartObject();
                json.WriteString("name", w.Name);
                json.WriteString("layer", w.Layer);
                json.WriteNumber("count", w.Count);
                json.WriteNumber("zeros", w.Zeros);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("removedBranches");
            foreach (var b in plan.RemovedBranches)
            {
                json.WriteStringValue(b);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Totals(Utf8JsonWriter json, string name, ModelAnalysis analysis, Sparsity sparsity)
    {
        json.WriteStartObject(name);
        json.WriteNumber("parameters", analysis.Parameters);
        json.WriteNumber("macs", analysis.Macs);
        json.WriteNumber("weightBytes", analysis.WeightBytes);
        json.WriteNumber("sparsity", sparsity.Fraction);
        json.WriteEndObject();
    }
}
