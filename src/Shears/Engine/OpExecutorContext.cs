using Shears.IR;

namespace Shears.Engine;

/// <summary>
/// What an executor factory sees while compiling one node: the node, its input tensors, its inferred
/// output types and shapes, and the engine options the plan runs with.
/// </summary>
internal sealed class OpExecutorContext
{
    public OpExecutorContext(Node node, EngineTensor?[] inputs, ValueInfo?[] outputs, long opset, ExecutionMode mode, EngineOptions options, IReadOnlySet<string>? initializers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Node = node;
        Inputs = inputs;
        OutputInfos = outputs;
        Opset = opset;
        Mode = mode;
        _initializers = initializers ?? new HashSet<string>();
    }

    private readonly IReadOnlySet<string> _initializers;

    public Node Node { get; }

    public EngineTensor?[] Inputs { get; }

    public ValueInfo?[] OutputInfos { get; }

    public long Opset { get; }

    public ExecutionMode Mode { get; }

    /// <summary>Threads, kernel variant and Winograd choice of every kernel the executor calls.</summary>
    public EngineOptions Options { get; }

    public bool Training => Mode == ExecutionMode.Training;

    /// <summary>Whether input <paramref name="index"/> is a weight (an initializer) rather than a value computed per run.</summary>
    public bool IsInitializer(int index) => Node.Input(index) is { } name && _initializers.Contains(name);

    /// <summary>A freshly allocated output tensor of the inferred type and shape.</summary>
    public EngineTensor NewOutput(int i)
    {
        var info = OutputInfos[i] ?? throw Fail($"output {i} has no inferred type");
        if (info.Shape is not { IsConcrete: true } shape)
        {
            throw Fail($"output '{info.Name}' has no concrete shape");
        }
        return EngineTensor.Zeros(info.ElementType, [.. shape.ToArray().Select(d => checked((int)d))]);
    }

    /// <summary>The inferred shape of output i.</summary>
    public int[] OutputShape(int i) => [.. (OutputInfos[i]?.Shape ?? throw Fail($"output {i} has no shape")).ToArray().Select(d => checked((int)d))];

    public ShearsException Fail(string reason) => new($"node '{Node.DisplayName}' ({Node.OpType}): {reason}");
}
