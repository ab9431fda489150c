namespace Shears.IR.Inference;

/// <summary>Types and shapes of every value in a graph, the values known as constants, and warnings.</summary>
public sealed class ShapeInferenceResult
{
    internal ShapeInferenceResult(Dictionary<string, ValueInfo> values, Dictionary<string, ConstantValue> constants, Dictionary<string, SymbolicVector> symbolic, List<string> warnings, List<DimAssumption> assumptions)
    {
        Assumptions = assumptions;
        Values = values;
        ConstantValues = constants;
        SymbolicValues = symbolic;
        Warnings = warnings;
    }

    /// <summary>Every value Shears could type, by name (initializers and inputs included).</summary>
    public IReadOnlyDictionary<string, ValueInfo> Values { get; }

    /// <summary>Messages about what could not be inferred (unknown operators, unknown shapes).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Symbolic input dimensions given a representative size because nothing bound them.</summary>
    public IReadOnlyList<DimAssumption> Assumptions { get; }

    internal Dictionary<string, ConstantValue> ConstantValues { get; }

    /// <summary>Shape values that are not constant, element by element (known, symbolic or unknown).</summary>
    internal Dictionary<string, SymbolicVector> SymbolicValues { get; }

    /// <summary>A node output's elements when it is a shape value, known or symbolic; null when inference has none.</summary>
    internal SymbolicVector? SymbolicOf(string name) =>
        SymbolicValues.TryGetValue(name, out var value) ? value : ConstantValues.TryGetValue(name, out var constant) ? SymbolicVector.From(constant) : null;

    /// <summary>Names of node outputs whose contents are known without running the model.</summary>
    public IEnumerable<string> ConstantNames => ConstantValues.Keys;

    /// <summary>The inferred shape of the named value, or null when unknown or not a value of the graph.</summary>
    public Shape? ShapeOf(string name) => Values.TryGetValue(name, out var v) ? v.Shape : null;

    /// <summary>The inferred type and shape of the named value, or null when Shears could not type it.</summary>
    public ValueInfo? Find(string name) => Values.TryGetValue(name, out var v) ? v : null;

    /// <summary>A node output's known contents as a tensor, or null when not constant.</summary>
    public Tensor? ConstantOf(string name) => ConstantValues.TryGetValue(name, out var c) ? c.ToTensor(name) : null;

    /// <summary>True when every value has a fully known shape.</summary>
    public bool IsComplete => Values.Values.All(v => v.Shape is { IsConcrete: true });
}
