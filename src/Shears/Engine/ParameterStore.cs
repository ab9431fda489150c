using Shears.IR;
using Shears.Preprocessing;
using Shears.Pruning;

namespace Shears.Engine;

/// <summary>
/// A model's initializers as engine tensors, shared by every plan compiled from the model (one per
/// batch shape): trainable weights with their gradients and optional pruning masks, plus constants
/// and running statistics. <see cref="ApplyTo"/> writes the current values back into a model.
/// </summary>
public sealed class ParameterStore
{
    private readonly Dictionary<string, EngineTensor> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EngineTensor> _grads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool[]> _masks = new(StringComparer.Ordinal);
    private readonly List<string> _trainable = [];

    /// <summary>Copies the model's initializers into engine tensors and decides which are trainable.</summary>
    /// <param name="model">The model whose initializers to hold; it is not changed.</param>
    /// <param name="freeze">Names of floating-point weights to keep fixed; besides these, scalars, batch-normalization running statistics and input-normalization constants are never trained.</param>
    public ParameterStore(Model model, Func<string, bool>? freeze = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var statistics = RunningStatistics(graph);
        foreach (var (name, tensor) in graph.Initializers)
        {
            if (tensor.ElementType == DataType.String)
            {
                continue;
            }
            _values[name] = EngineTensor.FromTensor(tensor);
            // Scalars (scales, epsilons), running statistics and the input's normalisation are constants, not weights to learn.
            var trainable = DataTypes.IsFloatingPoint(tensor.ElementType) && tensor.ElementCount > 1
                && !statistics.Contains(name) && !InGraphNormalization.IsNormalizationConstant(name) && !(freeze?.Invoke(name) ?? false);
            if (trainable)
            {
                _trainable.Add(name);
                _grads[name] = EngineTensor.Zeros(_values[name].Shape);
            }
        }
    }

    /// <summary>Names of the weights training updates, in initializer order.</summary>
    public IReadOnlyList<string> Trainable => _trainable;

    /// <summary>Every non-string initializer by name, trainable or not.</summary>
    public IReadOnlyDictionary<string, EngineTensor> Values => _values;

    /// <summary>Whether training updates the named weight.</summary>
    public bool IsTrainable(string name) => _grads.ContainsKey(name);

    /// <summary>The current value of an initializer; writing it directly needs <see cref="EngineTensor.MarkChanged"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such initializer.</exception>
    public EngineTensor Value(string name) => _values[name];

    /// <summary>The gradient accumulated for a trainable weight since the last <see cref="ZeroGrads"/>.</summary>
    /// <exception cref="KeyNotFoundException">The weight is not trainable.</exception>
    public EngineTensor Grad(string name) => _grads[name];

    /// <summary>The keep-mask of a weight (true = kept), or null when it has none.</summary>
    public bool[]? Mask(string name) => _masks.GetValueOrDefault(name);

    /// <summary>Pins the zeros of a weight: masked entries are zeroed now and stay zero through training.</summary>
    public void SetMask(string name, bool[] keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var value = _values[name];
        if (keep.Length != value.Length)
        {
            throw new ArgumentException($"mask for '{name}' has {keep.Length} entries, the weight has {value.Length}", nameof(keep));
        }
        _masks[name] = keep;
        ApplyMask(name);
    }

    /// <summary>
    /// Masks the weight entries that pruning removed, as the model's metadata records them (<see cref="PrunedWeights"/>),
    /// so they stay zero through training; returns how many entries are pinned.
    /// </summary>
    public long MaskPrunedWeights(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long pinned = 0;
        foreach (var (name, keep) in PrunedWeights.Read(model))
        {
            if (_values.ContainsKey(name))
            {
                SetMask(name, keep);
                pinned += keep.Count(k => !k);
            }
        }
        return pinned;
    }

    /// <summary>Masks every weight at its current zeros, for models pruned by other tools that record no mask.</summary>
    public void MaskCurrentZeros()
    {
        foreach (var name in _trainable)
        {
            var span = _values[name].Span;
            if (span.Contains(0f))
            {
                var keep = new bool[span.Length];
                for (var i = 0; i < keep.Length; i++)
                {
                    keep[i] = span[i] != 0f;
                }
                _masks[name] = keep;
            }
        }
    }

    /// <summary>Zeroes the masked entries of a weight again (after an optimizer step); does nothing when it has no mask.</summary>
    public void ApplyMask(string name)
    {
        if (_masks.TryGetValue(name, out var keep))
        {
            _values[name].MarkChanged();
            var span = _values[name].Span;
            for (var i = 0; i < span.Length; i++)
            {
                if (!keep[i])
                {
                    span[i] = 0f;
                }
            }
        }
    }

    /// <summary>Clears every gradient, before the next batch accumulates into them.</summary>
    public void ZeroGrads()
    {
        foreach (var grad in _grads.Values)
        {
            grad.Span.Clear();
        }
    }

    /// <summary>A copy of the model whose initializers hold the store's current values.</summary>
    public Model ApplyTo(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var copy = model.Clone();
        foreach (var (name, original) in model.Graph.Initializers)
        {
            if (!_values.TryGetValue(name, out var value) || original.ElementType != DataType.Float)
            {
                continue;
            }
            copy.Graph.Initializers[name] = value.ToTensor(name).WithExtras(original.Extras);
        }
        return copy;
    }

    private static HashSet<string> RunningStatistics(Graph graph)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.OpType == "BatchNormalization"))
        {
            for (var i = 3; i < Math.Min(5, node.Inputs.Count); i++)
            {
                names.Add(node.Inputs[i]);
            }
        }
        return names;
    }
}
