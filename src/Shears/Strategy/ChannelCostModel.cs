using Shears.Analysis;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Strategy;

/// <summary>
/// A budgeted quantity (latency per batch, MACs, parameters or bytes) as a sum over the model's layers, each a function
/// of the kept counts of the groups its input and output channels belong to, so a planner can price one group's cut
/// without rebuilding the model. Latency terms start from the latency model's per-layer figure for the whole model and
/// scale it by the same model's answers for the layer alone at fewer channels (a table's steps or a roofline's
/// rounding); the other quantities scale with the channels kept in and out.
/// </summary>
internal sealed class ChannelCostModel
{
    private readonly List<Term> _terms = [];
    private readonly List<int>[] _termsOfGroup;
    private readonly double[] _overhead;
    private readonly int[] _units;

    private ChannelCostModel(int groups, int batches, int[] units)
    {
        _termsOfGroup = [.. Enumerable.Range(0, groups).Select(_ => new List<int>())];
        _overhead = new double[batches];
        _units = units;
    }

    /// <summary>How many batch columns each cost has (one for budgets other than latency).</summary>
    public int Columns => _overhead.Length;

    /// <summary>
    /// Prices <paramref name="groups"/> of <paramref name="model"/> (the dependency graph's folded model) for
    /// <paramref name="kind"/>; latency asks <paramref name="predictor"/> at each of <paramref name="batches"/>.
    /// </summary>
    /// <param name="model">The folded model the groups refer to.</param>
    /// <param name="groups">The channel groups to price.</param>
    /// <param name="kind">The budgeted quantity.</param>
    /// <param name="predictor">The latency model, for a latency budget.</param>
    /// <param name="settings">Runtime and threads.</param>
    /// <param name="batches">The batch sizes, one column each.</param>
    /// <param name="probe">
    /// The model with each group keeping the given counts: asked once at half of every group, so layers without a
    /// signature (normalisation, pooling, elementwise) learn how much of their time is fixed per node.
    /// </param>
    public static ChannelCostModel Build(Model model, IReadOnlyList<DependencyGroup> groups, BudgetKind kind, ILatencyModel? predictor,
        LatencySettings settings, IReadOnlyList<int> batches, Func<int[], Model> probe)
    {
        var units = groups.Select(g => g.Units.Count).ToArray();
        var costs = new ChannelCostModel(groups.Count, kind == BudgetKind.Latency ? batches.Count : 1, units);
        var owner = new Dictionary<string, (int Group, int Span)>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var value in groups[g].Units[0].Channels.GroupBy(c => c.Value))
            {
                owner.TryAdd(value.Key, (g, value.Count()));
            }
        }
        if (kind == BudgetKind.Latency)
        {
            var latency = predictor ?? throw new ShearsException("a latency budget needs a latency model to plan with");
            var half = units.Select(u => Math.Max(1, u / 2)).ToArray();
            var probed = probe(half);
            for (var column = 0; column < batches.Count; column++)
            {
                costs.AddLatency(model, latency, settings with { Batch = batches[column] }, column, owner);
                costs.FitFixedShares(latency.Predict(probed, settings with { Batch = batches[column] }), column, half);
            }
        }
        else
        {
            costs.AddCounts(model, kind, owner);
        }
        return costs;
    }

    /// <summary>The quantity in column <paramref name="column"/> with each group keeping <paramref name="kept"/> units.</summary>
    public double Total(int column, int[] kept)
    {
        var total = _overhead[column];
        foreach (var term in _terms)
        {
            total += term.Cost(column, kept, _units);
        }
        return total;
    }

    /// <summary>The part of column <paramref name="column"/> that depends on group <paramref name="group"/>.</summary>
    public double Touching(int group, int column, int[] kept)
    {
        double total = 0;
        foreach (var index in _termsOfGroup[group])
        {
            total += _terms[index].Cost(column, kept, _units);
        }
        return total;
    }

    /// <summary>The convolution and linear layers whose output channels the group sets, in graph order.</summary>
    public IReadOnlyList<Term> ProducersOf(int group) => [.. _termsOfGroup[group].Select(i => _terms[i]).Where(t => t.Output?.Group == group && t.Signature is not null)];

    /// <summary>The convolution and linear layers whose input channels the group sets, in graph order.</summary>
    public IReadOnlyList<Term> ConsumersOf(int group) => [.. _termsOfGroup[group].Select(i => _terms[i]).Where(t => t.Input?.Group == group && t.Signature is not null)];

    private void AddLatency(Model model, ILatencyModel latency, LatencySettings settings, int column, Dictionary<string, (int Group, int Span)> owner)
    {
        var prediction = latency.Predict(model, settings);
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var layer in prediction.Layers)
        {
            figures[layer.Name] = figures.GetValueOrDefault(layer.Name) + layer.Ms;
        }
        _overhead[column] = prediction.OverheadMs;
        var index = 0;
        foreach (var layer in ModelLayers.Read(model, settings))
        {
            var name = layer.Cost.Name;
            var ms = figures.Remove(name, out var figure) ? figure : 0;
            var term = TermFor(layer.Node, layer.Signature, owner, column, index++);
            term.Base[column] = ms;
            if (layer.Signature is { } signature && ms > 0)
            {
                term.Relative[column] = new LayerCurves(latency, settings, signature).Relative;
            }
        }
        // Whatever the latency model named that is not a node of this model is fixed cost.
        _overhead[column] += figures.Values.Sum();
    }

    // A layer without a signature whose time did not shrink with its channels at the probe is that much fixed cost.
    private void FitFixedShares(LatencyPrediction probed, int column, int[] kept)
    {
        var figures = probed.Layers.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Ms), StringComparer.Ordinal);
        foreach (var term in _terms.Where(t => t.Signature is null && t.Base[column] > 0 && (t.Input ?? t.Output) is not null))
        {
            var carried = (term.Input ?? term.Output)!.Value;
            var fraction = kept[carried.Group] / (double)_units[carried.Group];
            if (fraction < 1 && figures.TryGetValue(term.Name, out var ms))
            {
                term.Fixed[column] = Math.Clamp(((ms / term.Base[column]) - fraction) / (1 - fraction), 0, 1);
            }
        }
    }

    private void AddCounts(Model model, BudgetKind kind, Dictionary<string, (int Group, int Span)> owner)
    {
        var analysis = ModelAnalyzer.Analyze(model);
        var shapes = Shears.IR.Inference.ShapeInference.Infer(model);
        for (var i = 0; i < model.Graph.Nodes.Count; i++)
        {
            var cost = analysis.Layers[i];
            if (cost.IsConstant)
            {
                continue;
            }
            var node = model.Graph.Nodes[i];
            var signature = LayerSignature.Of(node, model.Graph, shapes.ShapeOf);
            var term = TermFor(node, signature, owner, 0, i);
            term.Base[0] = kind switch
            {
                BudgetKind.Macs => cost.Macs ?? 0,
                BudgetKind.Parameters => cost.Parameters,
                _ => cost.WeightBytes,
            };
        }
    }

    private Term TermFor(Node node, LayerSignature? signature, Dictionary<string, (int Group, int Span)> owner, int column, int index)
    {
        if (column > 0)
        {
            return _terms[index];
        }
        (int Group, int Span)? Owned(string? value) => value is not null && owner.TryGetValue(value, out var o) ? o : null;
        var output = node.Outputs.Count > 0 ? Owned(node.Outputs[0]) : null;
        var input = node.Inputs.Select(v => Owned(v)).FirstOrDefault(o => o is not null);
        if (signature is not null)
        {
            input = Owned(node.Input(0));
        }
        var term = new Term(node.DisplayName, signature, input, output, _overhead.Length);
        _terms.Add(term);
        foreach (var group in new[] { input?.Group, output?.Group }.OfType<int>().Distinct())
        {
            _termsOfGroup[group].Add(_terms.Count - 1);
        }
        return term;
    }

    /// <summary>One layer's share: its full-size cost per column and how it scales with the channels kept.</summary>
    internal sealed class Term(string name, LayerSignature? signature, (int Group, int Span)? input, (int Group, int Span)? output, int columns)
    {
        public string Name { get; } = name;

        public LayerSignature? Signature { get; } = signature;

        public (int Group, int Span)? Input { get; } = input;

        public (int Group, int Span)? Output { get; } = output;

        public double[] Base { get; } = new double[columns];

        public Func<long, long, double>?[] Relative { get; } = new Func<long, long, double>?[columns];

        public double[] Fixed { get; } = new double[columns];

        public double Cost(int column, int[] kept, int[] units)
        {
            var full = Base[column];
            if (full == 0)
            {
                return 0;
            }
            if (Signature is { } s)
            {
                var inputs = Kept(s.InputChannels, Input, kept, units);
                var outputs = Kept(s.OutputChannels, Output, kept, units);
                if (Relative[column] is { } relative)
                {
                    return full * relative(inputs, outputs);
                }
                return s.Kind == LayerKind.DepthwiseConvolution
                    ? full * Math.Min(inputs, outputs) / s.OutputChannels
                    : full * inputs / s.InputChannels * outputs / s.OutputChannels;
            }
            // Elementwise, normalisation and pooling work scales with the channels they carry.
            var carried = Input ?? Output;
            return carried is { } c ? full * (Fixed[column] + ((1 - Fixed[column]) * kept[c.Group] / units[c.Group])) : full;
        }

        private static long Kept(long channels, (int Group, int Span)? owner, int[] kept, int[] units) =>
            owner is { } o ? Math.Max(1, channels - ((long)(units[o.Group] - kept[o.Group]) * o.Span)) : channels;
    }

    /// <summary>A layer's latency alone at other channel counts, relative to its full size, asked of the latency model once per count.</summary>
    private sealed class LayerCurves(ILatencyModel latency, LatencySettings settings, LayerSignature signature)
    {
        private readonly Dictionary<(long, long), double> _alone = [];

        public double Relative(long inputs, long outputs)
        {
            if (signature.Kind == LayerKind.DepthwiseConvolution)
            {
                var channels = Math.Min(inputs, outputs);
                return Ratio(Alone(channels, channels), Alone(signature.InputChannels, signature.OutputChannels));
            }
            var full = Alone(signature.InputChannels, signature.OutputChannels);
            // Two axes combine as a product of their relative costs, as the latency tables do.
            return Ratio(Alone(signature.InputChannels, outputs), full) * Ratio(Alone(inputs, signature.OutputChannels), full);
        }

        private static double Ratio(double part, double full) => full > 0 ? part / full : 1;

        private double Alone(long inputs, long outputs)
        {
            if (!_alone.TryGetValue((inputs, outputs), out var ms))
            {
                var model = SingleLayerModel.Build(signature.WithChannels(inputs, outputs));
                _alone[(inputs, outputs)] = ms = latency.Predict(model, settings).Layers.Sum(layer => layer.Ms);
            }
            return ms;
        }
    }
}
