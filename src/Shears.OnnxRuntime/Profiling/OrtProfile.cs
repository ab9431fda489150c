using System.Text.Json;

namespace Shears.OnnxRuntime.Profiling;

/// <summary>
/// The events of an ONNX Runtime profile (the Chrome-trace JSON written when profiling is on): one
/// "model_run" session event per run and one "Node" event per node execution, named
/// "&lt;node&gt;_kernel_time", with start and duration in microseconds.
/// </summary>
internal sealed record OrtProfile(IReadOnlyList<OrtProfile.Span> Runs, IReadOnlyList<OrtProfile.NodeEvent> Nodes)
{
    private const string KernelSuffix = "_kernel_time";

    public readonly record struct Span(double StartUs, double DurationUs)
    {
        public bool Contains(double timeUs) => timeUs >= StartUs && timeUs <= StartUs + DurationUs;
    }

    public readonly record struct NodeEvent(string Name, string Op, Span Time);

    public static OrtProfile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var runs = new List<Span>();
        var nodes = new List<NodeEvent>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (!item.TryGetProperty("name", out var nameProperty) || nameProperty.GetString() is not { } name
                || !item.TryGetProperty("cat", out var category) || !item.TryGetProperty("ts", out var ts) || !item.TryGetProperty("dur", out var dur))
            {
                continue;
            }
            var span = new Span(ts.GetDouble(), dur.GetDouble());
            switch (category.GetString())
            {
                case "Session" when name == "model_run":
                    runs.Add(span);
                    break;
                case "Node" when name.EndsWith(KernelSuffix, StringComparison.Ordinal):
                    var op = item.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var opName) ? opName.GetString() ?? "" : "";
                    nodes.Add(new NodeEvent(name[..^KernelSuffix.Length], op, span));
                    break;
            }
        }
        return new OrtProfile(runs, nodes);
    }

    /// <summary>
    /// The nodes in the order the first run executed them, and for each run one summed duration per
    /// node in milliseconds (0 when a node did not run).
    /// </summary>
    public (IReadOnlyList<(string Name, string Op)> Nodes, IReadOnlyList<double[]> Durations) PerRun()
    {
        var order = new List<(string Name, string Op)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<double[]>();
        var runs = Runs.OrderBy(span => span.StartUs).ToList();
        var perRun = runs.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        var run = 0;
        foreach (var node in Nodes.OrderBy(node => node.Time.StartUs))
        {
            while (run < runs.Count && runs[run].StartUs + runs[run].DurationUs < node.Time.StartUs)
            {
                run++;
            }
            if (run >= runs.Count || !runs[run].Contains(node.Time.StartUs))
            {
                continue;
            }
            if (index.TryAdd(node.Name, order.Count))
            {
                order.Add((node.Name, node.Op));
            }
            perRun[run][node.Name] = perRun[run].GetValueOrDefault(node.Name) + (node.Time.DurationUs / 1000);
        }
        foreach (var durations in perRun)
        {
            rows.Add([.. order.Select(node => durations.GetValueOrDefault(node.Name))]);
        }
        return (order, rows);
    }
}
