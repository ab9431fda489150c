namespace Shears.Engine;

/// <summary>
/// One node compiled for fixed input shapes: it holds its input and output tensors (allocated once
/// by the plan) and, when training, their gradients. Forward fills the outputs; Backward adds the
/// inputs' gradients from the outputs' gradients.
/// </summary>
internal abstract class OpExecutor
{
    protected OpExecutor(OpExecutorContext context)
    {
        Name = context.Node.DisplayName;
        OpType = context.Node.OpType;
        Options = context.Options;
        Inputs = context.Inputs;
        Outputs = new EngineTensor[context.Node.Outputs.Count];
        InputGrads = new EngineTensor?[Inputs.Length];
        OutputGrads = new EngineTensor?[Outputs.Length];
        SoleGradientWriter = new bool[Inputs.Length];
    }

    public string Name { get; }

    public string OpType { get; }

    /// <summary>The plan's engine options, for every kernel and parallel loop this executor runs.</summary>
    public EngineOptions Options { get; }

    /// <summary>Input tensors; null where an optional input is omitted.</summary>
    public EngineTensor?[] Inputs { get; }

    public EngineTensor[] Outputs { get; }

    /// <summary>Gradients to accumulate into, null where an input needs none.</summary>
    public EngineTensor?[] InputGrads { get; }

    public EngineTensor?[] OutputGrads { get; }

    /// <summary>When output i shares its input's storage (reshapes), the input index; gradients then share storage too.</summary>
    /// <summary>
    /// Set by the plan for each input whose gradient buffer only this executor writes and which starts
    /// every backward pass cleared: the executor may store that gradient instead of adding it.
    /// </summary>
    public bool[] SoleGradientWriter { get; }

    /// <summary>
    /// Whether, as <see cref="SoleGradientWriter"/> of <paramref name="input"/>, the backward pass
    /// writes every element of that gradient (storing, or clearing its own part first), so the plan
    /// need not clear the buffer before each pass.
    /// </summary>
    public virtual bool WritesWholeInputGradient(int input) => false;

    public virtual int? ViewSource(int output) => null;

    /// <summary>Whether <see cref="Backward"/> is implemented.</summary>
    public virtual bool HasBackward => false;

    public abstract void Forward();

    public virtual void Backward() =>
        throw new ShearsException($"node '{Name}': {OpType} has no gradient in the engine, so the model cannot be trained through it");

    protected EngineTensor In(int i) => (i < Inputs.Length ? Inputs[i] : null) ?? throw new ShearsException($"node '{Name}' ({OpType}): required input {i} is not given");
}
