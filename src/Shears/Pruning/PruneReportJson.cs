using System.Text.Json;
using Shears.Analysis;
using Shears.IO;

namespace Shears.Pruning;

/// <summary>Writes a <see cref="PruneReport"/> as one JSON object: totals before and after, and the decision per group or weight.</summary>
public static class PruneReportJson
{
    /// <summary>The report as indented JSON: granularity, criterion, totals before and after, channel/head groups, weights with their zero counts, and removed branches.</summary>
    public static string Serialize(PruneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return IndentedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("granularity", report.Granularity);
            if (report.Criterion is { } criterion)
            {
                json.WriteString("criterion", criterion);
            }
            Totals(json, "before", report.Before, report.SparsityBefore);
            Totals(json, "after", report.After, report.SparsityAfter);
            json.WriteStartArray("groups");
            foreach (var g in report.Groups)
            {
                json.WriteStartObject();
                json.WriteString("key", g.Key);
                json.WriteString("kind", g.Kind.ToString().ToLowerInvariant());
                json.WriteNumber("units", g.Units);
                json.WriteNumber("removed", g.Units - (g.Kept?.Count ?? g.Units));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("weights");
            foreach (var w in report.SparsityAfter.PerWeight)
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
            foreach (var b in report.RemovedBranches)
            {
                json.WriteStringValue(b);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
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
