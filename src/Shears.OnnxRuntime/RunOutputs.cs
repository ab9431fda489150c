using System.Collections;
using Shears.IR;

namespace Shears.OnnxRuntime;

/// <summary>The outputs of one run, in the order the model declares them, each a tensor named after its output.</summary>
public sealed class RunOutputs : IReadOnlyList<Tensor>
{
    private readonly IReadOnlyList<Tensor> _tensors;

    internal RunOutputs(IReadOnlyList<Tensor> tensors) => _tensors = tensors;

    /// <summary>The number of outputs.</summary>
    public int Count => _tensors.Count;

    /// <summary>The output at a position in the model's declaration order.</summary>
    public Tensor this[int index] => _tensors[index];

    /// <summary>The output of that name.</summary>
    /// <exception cref="KeyNotFoundException">No output has that name.</exception>
    public Tensor this[string name] =>
        _tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"no output named '{name}'; outputs are {string.Join(", ", _tensors.Select(t => t.Name))}");

    /// <summary>An output's elements converted to float32, in row-major order.</summary>
    public float[] Floats(string name) => this[name].ToFloats();

    /// <summary>The outputs in the model's declaration order.</summary>
    public IEnumerator<Tensor> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
