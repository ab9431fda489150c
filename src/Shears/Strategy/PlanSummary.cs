using System.Text.Json;
using System.Text.Json.Serialization;
using Shears.Analysis;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// A planner's result as `shears plan` shows it: per layer and in total, channels or sparsity, latency, MACs and
/// parameters before and after, with where the latency figures come from. Built without writing any model.
/// </summary>
public sealed record PlanSummary
{
    /// <summary>The planner that made the plan.</summary>
    public required string Planner { get; init; }

    /// <summary>The target's profile name.</summary>
    public required string Target { get; init; }

    /// <summary>The budget, as text.</summary>
    public required string Budget { get; init; }

    /// <summary>Whether the plan meets the budget.</summary>
    public required bool Met { get; init; }

    /// <summary>The dense model's cost (latency measured on the host, else predicted).</summary>
    public required ModelCost Before { get; init; }

    /// <summary>The planned model's cost.</summary>
    public required ModelCost After { get; init; }

    /// <summary>How the per-layer latency was obtained (always a prediction: per-layer figures are not timed here).</summary>
    public required string LayerLatencySource { get; init; }

    /// <summary>How the totals' latency was obtained: "measured in onnxruntime on this host" or the latency model's method.</summary>
    public required string TotalLatencySource { get; init; }

    /// <summary>Share of the channel groups' normalised importance the plan keeps.</summary>
    public required double KeptImportance { get; init; }

    /// <summary>Per layer, in graph order.</summary>
    public required IReadOnlyList<PlanLayerRow> Layers { get; init; }

    /// <summary>Per group, what was decided and why.</summary>
    public required IReadOnlyList<PlanDecision> Decisions { get; init; }

    /// <summary>The plan's notes.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Summarises <paramref name="result"/> for <paramref name="request"/>; per-layer latency is <paramref name="layerLatency"/>'s prediction at the budget's first batch.</summary>
    public static PlanSummary Of(PlanningRequest request, PlannerResult result, ILatencyModel layerLatency)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(layerLatency);
        var shapes = request.Options.Shapes;
        var dense = request.Model;
        var planned = Pruner.Apply(dense, result.Plan, shapes);
        var settings = request.Costs.Settings with { Batch = request.Budget.Batches[0] };
        var before = Rows(dense, layerLatency, settings, shapes);
        var after = Rows(planned, layerLatency, settings, shapes).ToDictionary(r => r.Name, StringComparer.Ordinal);
        var rows = before.Select(b => after.TryGetValue(b.Name, out var a)
            ? new PlanLayerRow(b.Name, b.Op, b.Channels, a.Channels, a.Sparsity, b.Ms, a.Ms, b.Macs, a.Macs, b.Parameters, a.Parameters)
            : new PlanLayerRow(b.Name, b.Op, b.Channels, null, null, b.Ms, 0, b.Macs, 0, b.Parameters, 0)).ToList();
        var prediction = layerLatency.Predict(dense, settings);
        return new PlanSummary
        {
            Planner = result.Planner,
            Target = request.Target.Name,
            Budget = request.Budget.ToString(),
            Met = result.Met,
            Before = result.Reference,
            After = result.Cost,
            LayerLatencySource = $"predicted by {prediction.Method}",
            TotalLatencySource = result.Cost.Latency.Count == 0 ? $"predicted by {prediction.Method}"
                : result.Cost.LatencyMeasured ? result.Cost.Latency[0].Source
                : $"predicted by {result.Cost.Latency[0].Source}",
            KeptImportance = GroupImportance.Of(dense, request.Options, request.Gradients).KeptFraction(result.Plan),
            Layers = rows,
            Decisions = result.Decisions,
            Notes = result.Plan.Notes,
        };
    }

    /// <summary>The summary as indented camelCase JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(PlanJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    private sealed record Row(string Name, string Op, long? Channels, double? Sparsity, double Ms, long Macs, long Parameters);

    private static List<Row> Rows(Model model, ILatencyModel latency, LatencySettings settings, ShapeInferenceOptions? shapes)
    {
        var analysis = ModelAnalyzer.Analyze(model, ShapeInference.Infer(model, shapes));
        var ms = latency.Predict(model, settings).Layers.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Ms), StringComparer.Ordinal);
        var rows = new List<Row>();
        for (var i = 0; i < model.Graph.Nodes.Count; i++)
        {
            var cost = analysis.Layers[i];
            if (cost.IsConstant)
            {
                continue;
            }
            var node = model.Graph.Nodes[i];
            var weight = node.OpType is "Conv" or "Gemm" or "MatMul" && node.Inputs.Count > 1 ? model.Graph.FindInitializer(node.Inputs[1]) : null;
            long? channels = weight is null ? null : node.OpType == "MatMul" ? weight.Dims[^1] : node.OpType == "Gemm" && node.GetInt("transB", 0) == 0 ? weight.Dims[^1] : weight.Dims[0];
            double? sparsity = null;
            long zeros = 0;
            if (weight is { ElementType: DataType.Float })
            {
                foreach (var value in weight.AsFloats())
                {
                    zeros += value == 0f ? 1 : 0;
                }
                sparsity = weight.ElementCount == 0 ? 0 : zeros / (double)weight.ElementCount;
            }
            rows.Add(new Row(cost.Name, cost.Op, channels, sparsity, ms.GetValueOrDefault(cost.Name), cost.Macs ?? 0, cost.Parameters - zeros));
        }
        return rows;
    }
}
