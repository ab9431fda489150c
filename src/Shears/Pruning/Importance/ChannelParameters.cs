using Shears.IR;
using Shears.Pruning.Dependency;
using Shears.Pruning.Rules;

namespace Shears.Pruning.Importance;

/// <summary>
/// For every value that carries prunable channels, the initializer slices that belong to its
/// channels: filters and biases of the layer producing it, input columns of the layers reading
/// it, normalization parameters and per-channel constants. Each operator's
/// <see cref="IPruningRule"/> names the slices of its own tensors.
/// </summary>
public sealed class ChannelParameters
{
    private readonly Dictionary<string, List<ParameterSlice>> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _axes = new(StringComparer.Ordinal);
    private readonly DependencyGraph _dependencies;

    /// <summary>Collects the slices of every channel of the dependency graph's groups, asking each operator's pruning rule.</summary>
    public ChannelParameters(DependencyGraph dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _dependencies = dependencies;
        foreach (var channel in dependencies.Groups.SelectMany(g => g.Units.Take(1)).SelectMany(u => u.Channels))
        {
            _axes[channel.Value] = channel.Axis;
        }
        foreach (var node in Graph.Nodes.Where(n => n.IsStandard))
        {
            PruningRules.Find(node.OpType)?.CollectParameters(this, node);
        }
    }

    /// <summary>The slices of one value's channels (empty when none).</summary>
    public IReadOnlyList<ParameterSlice> Of(string value) => _byValue.TryGetValue(value, out var list) ? list : [];

    internal Graph Graph => _dependencies.Model.Graph;

    /// <summary>Whether the value carries channels of some group.</summary>
    internal bool IsTracked(string? value) => value is not null && _axes.ContainsKey(value);

    internal int AxisOf(string value) => _axes[value];

    internal int RankOf(string value) => _dependencies.Shapes.ShapeOf(value)!.Rank;

    /// <summary>Records that index i along <paramref name="axis"/> of a float initializer belongs to channel i of the value.</summary>
    internal void Add(string value, string? initializer, int axis, SliceRole role)
    {
        if (initializer is null || Graph.FindInitializer(initializer) is not { } tensor || !DataTypes.IsFloatingPoint(tensor.ElementType))
        {
            return;
        }
        if (axis < 0)
        {
            axis += tensor.Rank;
        }
        if (!_byValue.TryGetValue(value, out var list))
        {
            _byValue[value] = list = [];
        }
        list.Add(new ParameterSlice(initializer, axis, role));
    }

    /// <summary>Adds a constant broadcast against the value, when it spans the value's channel axis.</summary>
    internal void AddAligned(string value, string? initializer, SliceRole role)
    {
        if (initializer is null || Graph.FindInitializer(initializer) is not { } tensor)
        {
            return;
        }
        var shape = _dependencies.Shapes.ShapeOf(value)!;
        var offset = _axes[value] - (shape.Rank - tensor.Rank);
        if (offset >= 0 && tensor.Dims[offset] == shape[_axes[value]].Value)
        {
            Add(value, initializer, offset, role);
        }
    }
}
