using System.Diagnostics;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Engine;

/// <summary>
/// A model compiled for fixed input shapes: shape arithmetic folded away, every value's buffer
/// allocated once, one kernel per remaining node. Running it does no allocation. In training mode
/// it also holds gradient buffers and runs the backward pass.
/// </summary>
public sealed class ExecutionPlan
{
    private readonly List<OpKernel> _kernels;
    private readonly Dictionary<string, EngineTensor> _values;
    private readonly Dictionary<string, EngineTensor> _grads;
    private readonly List<EngineTensor> _activationGrads;

    private ExecutionPlan(ExecutionMode mode, ParameterStore parameters, List<OpKernel> kernels, Dictionary<string, EngineTensor> values,
        Dictionary<string, EngineTensor> grads, List<EngineTensor> activationGrads, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Mode = mode;
        Parameters = parameters;
        _kernels = kernels;
        _values = values;
        _grads = grads;
        _activationGrads = activationGrads;
        InputNames = inputs;
        OutputNames = outputs;
    }

    public ExecutionMode Mode { get; }

    public ParameterStore Parameters { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Number of compiled kernels (nodes left after folding).</summary>
    public int KernelCount => _kernels.Count;

    /// <summary>Node display name and operator of each kernel, in run order.</summary>
    public IReadOnlyList<(string Name, string Op)> Kernels => [.. _kernels.Select(kernel => (kernel.Name, kernel.OpType))];

    /// <summary>Compiles a model for the given input shapes (inputs not listed keep their declared shapes).</summary>
    /// <param name="model">The model to compile.</param>
    /// <param name="inputShapes">Concrete shapes of runtime inputs.</param>
    /// <param name="mode">Inference, or training (batch statistics, dropout, gradients).</param>
    /// <param name="parameters">Weights shared with other plans of the same model; a new store when null.</param>
    /// <param name="inputsWithGradients">Runtime inputs whose gradients training should also compute (for checks and saliency).</param>
    public static ExecutionPlan Compile(Model model, IReadOnlyDictionary<string, int[]> inputShapes, ExecutionMode mode = ExecutionMode.Inference,
        ParameterStore? parameters = null, IReadOnlyCollection<string>? inputsWithGradients = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShapes);
        parameters ??= new ParameterStore(model);
        var options = new ShapeInferenceOptions
        {
            InputShapes = inputShapes.ToDictionary(kv => kv.Key, kv => Shape.Of(kv.Value.Select(d => (long)d))),
        };
        var inference = ShapeInference.Infer(model, options);
        var folded = ShapeInference.FoldConstants(model, inference);
        var graph = folded.Graph;

        var values = new Dictionary<string, EngineTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in graph.Initializers)
        {
            values[name] = parameters.Values.TryGetValue(name, out var shared) ? shared : EngineTensor.FromTensor(tensor);
        }
        var inputs = new List<string>();
        foreach (var input in graph.RuntimeInputs)
        {
            var info = inference.Find(input.Name);
            if (info?.Shape is not { IsConcrete: true } shape)
            {
                throw new ShearsException($"input '{input.Name}' has no concrete shape; give one");
            }
            values[input.Name] = EngineTensor.Zeros(info.ElementType, [.. shape.ToArray().Select(d => checked((int)d))]);
            inputs.Add(input.Name);
        }

        var schedule = PlanRewrites.Schedule(graph, mode, out var renamed);
        var initializers = graph.Initializers.Keys.ToHashSet(StringComparer.Ordinal);
        var kernels = new List<OpKernel>(schedule.Count);
        foreach (var node in schedule)
        {
            var nodeInputs = node.Inputs.Select(i => i.Length == 0 ? null : values.TryGetValue(i, out var v) ? v : throw new ShearsException($"node '{node.DisplayName}' reads '{i}', which nothing produces")).ToArray();
            var outputInfos = node.Outputs.Select(o => o.Length == 0 ? null : inference.Find(renamed.GetValueOrDefault(o, o))).ToArray();
            var context = new KernelContext(node, nodeInputs, outputInfos, model.OpsetVersion, mode, initializers);
            var kernel = KernelRegistry.Create(context);
            for (var i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length > 0)
                {
                    values[node.Outputs[i]] = kernel.Outputs[i];
                }
            }
            kernels.Add(kernel);
        }

        var grads = new Dictionary<string, EngineTensor>(StringComparer.Ordinal);
        var activationGrads = new List<EngineTensor>();
        if (mode == ExecutionMode.Training)
        {
            foreach (var name in inputsWithGradients ?? [])
            {
                var grad = EngineTensor.Zeros(values[name].Shape);
                grads[name] = grad;
                activationGrads.Add(grad);
            }
            AllocateGradients(schedule, kernels, parameters, grads, activationGrads);
            MarkSoleWriters(kernels, activationGrads, graph.Outputs.Select(o => grads.GetValueOrDefault(o.Name)));
        }
        var outputs = graph.Outputs.Select(o => o.Name).ToList();
        return new ExecutionPlan(mode, parameters, kernels, values, grads, activationGrads, inputs, outputs);
    }

    private static void AllocateGradients(List<Node> schedule, List<OpKernel> kernels, ParameterStore parameters,
        Dictionary<string, EngineTensor> grads, List<EngineTensor> activationGrads)
    {
        foreach (var name in parameters.Trainable)
        {
            grads[name] = parameters.Grad(name);
        }
        for (var k = 0; k < kernels.Count; k++)
        {
            var node = schedule[k];
            var kernel = kernels[k];
            var needsGrad = false;
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i].Length > 0 && grads.TryGetValue(node.Inputs[i], out var g))
                {
                    kernel.InputGrads[i] = g;
                    needsGrad = true;
                }
            }
            if (!needsGrad)
            {
                continue;
            }
            if (!kernel.HasBackward)
            {
                throw new ShearsException($"node '{kernel.Name}': the engine has no gradient for {kernel.OpType}, so this model cannot be trained");
            }
            for (var o = 0; o < node.Outputs.Count; o++)
            {
                if (node.Outputs[o].Length == 0 || kernel.Outputs[o].Type != DataType.Float)
                {
                    continue;
                }
                EngineTensor grad;
                if (kernel.ViewSource(o) is { } source && kernel.InputGrads[source] is { } sourceGrad)
                {
                    grad = sourceGrad.View(kernel.Outputs[o].Shape);
                }
                else
                {
                    grad = EngineTensor.Zeros(kernel.Outputs[o].Shape);
                    activationGrads.Add(grad);
                }
                kernel.OutputGrads[o] = grad;
                grads[node.Outputs[o]] = grad;
            }
        }
    }

    /// <summary>
    /// Finds gradient buffers written by one kernel input alone (views share their source's buffer,
    /// so a view's consumers count as writers too). Only cleared activation buffers qualify:
    /// parameter gradients accumulate, and output gradients start from the caller's seed. A buffer
    /// its sole writer fills entirely leaves the list cleared before each backward pass.
    /// </summary>
    private static void MarkSoleWriters(List<OpKernel> kernels, List<EngineTensor> cleared, IEnumerable<EngineTensor?> seeded)
    {
        var writers = new Dictionary<float[], int>(ReferenceEqualityComparer.Instance);
        foreach (var grad in kernels.SelectMany(k => k.InputGrads).OfType<EngineTensor>())
        {
            writers[grad.Floats] = writers.GetValueOrDefault(grad.Floats) + 1;
        }
        var eligible = cleared.Select(g => g.Floats).ToHashSet(ReferenceEqualityComparer.Instance);
        eligible.ExceptWith(seeded.OfType<EngineTensor>().Select(g => g.Floats));
        foreach (var kernel in kernels)
        {
            for (var i = 0; i < kernel.InputGrads.Length; i++)
            {
                kernel.SoleGradientWriter[i] = kernel.InputGrads[i] is { } grad && eligible.Contains(grad.Floats) && writers[grad.Floats] == 1;
                if (kernel.SoleGradientWriter[i] && kernel.WritesWholeInputGradient(i))
                {
                    cleared.RemoveAll(g => ReferenceEquals(g.Floats, kernel.InputGrads[i]!.Floats));
                }
            }
        }
    }

    /// <summary>The tensor holding a value (inputs to fill, outputs to read, any intermediate).</summary>
    public EngineTensor Value(string name) => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no value '{name}' in the plan");

    public EngineTensor Input(string name) => Value(name);

    public EngineTensor Output(string name) => Value(name);

    /// <summary>The gradient buffer of a value, when training and the value depends on a trainable weight.</summary>
    public EngineTensor? Gradient(string name) => _grads.GetValueOrDefault(name);

    public void Forward()
    {
        foreach (var kernel in _kernels)
        {
            kernel.Forward();
        }
    }

    /// <summary>
    /// <see cref="Forward"/> with a timer around every kernel: writes each kernel's elapsed
    /// <see cref="Stopwatch"/> ticks, in <see cref="Kernels"/> order. A separate method, so untimed runs pay nothing.
    /// </summary>
    public void ForwardTimed(Span<long> ticks)
    {
        if (ticks.Length < _kernels.Count)
        {
            throw new ArgumentException($"{ticks.Length} slots for {_kernels.Count} kernels", nameof(ticks));
        }
        var previous = Stopwatch.GetTimestamp();
        for (var i = 0; i < _kernels.Count; i++)
        {
            _kernels[i].Forward();
            var now = Stopwatch.GetTimestamp();
            ticks[i] = now - previous;
            previous = now;
        }
    }

    /// <summary>
    /// Back-propagates from the given output gradients (the loss's derivative with respect to each
    /// output), adding into the parameter gradients.
    /// </summary>
    public void Backward(IReadOnlyDictionary<string, float[]> outputGradients) => Backward(outputGradients, []);

    /// <summary>
    /// <see cref="Backward(IReadOnlyDictionary{string, float[]})"/> with a timer around every kernel: writes each
    /// kernel's elapsed <see cref="Stopwatch"/> ticks, in <see cref="Kernels"/> order (zero for kernels with nothing to back-propagate).
    /// </summary>
    public void BackwardTimed(IReadOnlyDictionary<string, float[]> outputGradients, Span<long> ticks)
    {
        if (ticks.Length < _kernels.Count)
        {
            throw new ArgumentException($"{ticks.Length} slots for {_kernels.Count} kernels", nameof(ticks));
        }
        Backward(outputGradients, ticks);
    }

    private void Backward(IReadOnlyDictionary<string, float[]> outputGradients, Span<long> ticks)
    {
        ArgumentNullException.ThrowIfNull(outputGradients);
        if (Mode != ExecutionMode.Training)
        {
            throw new InvalidOperationException("the plan was compiled for inference; compile it in training mode to back-propagate");
        }
        foreach (var grad in _activationGrads)
        {
            // Tens of megabytes per step in a CNN: cleared on every engine thread.
            var floats = grad.Floats;
            ParallelRange.For(grad.Length, 1 << 18, (start, end) => floats.AsSpan(start, end - start).Clear());
        }
        foreach (var (name, seed) in outputGradients)
        {
            var grad = Gradient(name) ?? throw new InvalidOperationException($"output '{name}' does not depend on any trainable weight");
            seed.AsSpan(0, grad.Length).CopyTo(grad.Span);
        }
        for (var k = _kernels.Count - 1; k >= 0; k--)
        {
            var kernel = _kernels[k];
            if (Array.Exists(kernel.OutputGrads, g => g is not null))
            {
                if (ticks.IsEmpty)
                {
                    kernel.Backward();
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                kernel.Backward();
                ticks[k] = Stopwatch.GetTimestamp() - started;
            }
        }
    }
}
