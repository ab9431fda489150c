namespace Shears.IR.Inference;

/// <summary>What a shape rule sees of one node: its inputs' types, shapes and known contents, and where to put results.</summary>
internal sealed class InferenceContext
{
    private readonly ShapeInferenceEngine _engine;

    public InferenceContext(ShapeInferenceEngine engine, Node node, long opset)
    {
        _engine = engine;
        Node = node;
        Opset = opset;
    }

    public Node Node { get; }

    /// <summary>Version of the standard operator set the model imports.</summary>
    public long Opset { get; }

    public int InputCount => Node.Inputs.Count;

    public int OutputCount => Node.Outputs.Count;

    /// <summary>True when input i is present (not omitted).</summary>
    public bool HasInput(int i) => Node.Input(i) is not null;

    public bool HasOutput(int i) => i < Node.Outputs.Count && Node.Outputs[i].Length > 0;

    public ValueInfo? Input(int i) => Node.Input(i) is { } name ? _engine.Lookup(name) : null;

    public DataType InputType(int i) => Input(i)?.ElementType ?? DataType.Undefined;

    /// <summary>Input i's shape, or null when unknown or absent.</summary>
    public Shape? InputShape(int i) => Input(i)?.Shape;

    /// <summary>Input i's shape; when unknown the node's outputs stay unknown.</summary>
    public Shape Shape(int i)
    {
        if (!HasInput(i))
        {
            throw Invalid($"input {i} is required");
        }
        return InputShape(i) ?? throw new UnknownShapeSignal();
    }

    /// <summary>Input i's rank; when unknown the node's outputs stay unknown.</summary>
    public int Rank(int i) => Shape(i).Rank;

    public bool IsConstant(int i) => Node.Input(i) is { } name && _engine.IsConstant(name);

    /// <summary>Input i's contents when known at inference time.</summary>
    public ConstantValue? Constant(int i) => Node.Input(i) is { } name ? _engine.ConstantOf(name) : null;

    /// <summary>Input i's contents; when unknown the node's outputs stay unknown.</summary>
    public ConstantValue RequireConstant(int i) => Constant(i) ?? throw new UnknownShapeSignal();

    /// <summary>Input i's elements when it is a shape value (a small integer scalar or vector), known or symbolic.</summary>
    public SymbolicVector? Symbolic(int i) => Node.Input(i) is { } name ? _engine.SymbolicOf(name) : null;

    public long Int(string name, long fallback) => Node.GetInt(name, fallback);

    public float Float(string name, float fallback) => Node.GetFloat(name, fallback);

    public long[]? Ints(string name) => Node.GetInts(name);

    public string String(string name, string fallback) => Node.GetString(name, fallback);

    /// <summary>Records output i's type and shape.</summary>
    public void SetOutput(int i, DataType type, Shape? shape)
    {
        if (HasOutput(i))
        {
            _engine.Record(Node.Outputs[i], type, shape);
        }
    }

    /// <summary>Records output i as a known constant (its type and shape follow).</summary>
    public void SetConstant(int i, ConstantValue value)
    {
        if (HasOutput(i))
        {
            _engine.RecordConstant(Node.Outputs[i], value);
        }
    }

    /// <summary>Records output i as a shape value; fully known elements make it a constant.</summary>
    public void SetSymbolic(int i, SymbolicVector value)
    {
        if (HasOutput(i))
        {
            _engine.RecordSymbolic(Node.Outputs[i], value);
        }
    }

    /// <summary>Sets every output to input 0's type and shape (elementwise-like ops).</summary>
    public void PassThrough()
    {
        var input = Input(0) ?? throw new UnknownShapeSignal();
        SetOutput(0, input.ElementType, input.Shape);
    }

    /// <summary>Normalises a possibly negative axis for a given rank, failing clearly when out of range.</summary>
    public int Axis(long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1))
        {
            throw Invalid($"axis {axis} is out of range for rank {rank}");
        }
        return (int)a;
    }

    public ShapeInferenceException Invalid(string reason) =>
        new($"node '{Node.DisplayName}' ({Node.OpType}): {reason}");
}
