using System.Diagnostics;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Engine;

/// <summary>
/// A model compiled for fixed input shapes: shape arithmetic folded away, every value's buffer
/// allocated once, one executor per remaining node. Running it does no allocation. In training mode
/// it also holds gradient buffers and runs the backward pass.
/// </summary>
public sealed class ExecutionPlan
{
    private readonly List<OpExecutor> _executors;
    private readonly Dictionary<string, EngineTensor> _values;
    private readonly Dictionary<string, EngineTensor> _grads;
    private readonly List<EngineTensor> _activationGrads;

    private ExecutionPlan(ExecutionMode mode, EngineOptions engine, ParameterStore parameters, List<OpExecutor> executors, Dictionary<string, EngineTensor> values,
        Dictionary<string, EngineTensor> grads, List<EngineTensor> activationGrads, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Mode = mode;
        Engine = engine;
        Parameters = parameters;
        _executors = executors;
        _values = values;
        _grads = grads;
        _activationGrads = activationGrads;
        InputNames = inputs;
        OutputNames = outputs;
    }

    /// <summary>Whether the plan was compiled for inference or for training.</summary>
    public ExecutionMode Mode { get; }

    /// <summary>The options every kernel of this plan runs with, fixed at compile time.</summary>
    public EngineOptions Engine { get; }

    /// <summary>The weights the plan reads (and, when training, accumulates gradients for); may be shared with other plans of the model.</summary>
    public ParameterStore Parameters { get; }

    /// <summary>The runtime inputs to fill through <see cref="Input"/> before <see cref="Forward"/>.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The graph outputs to read through <see cref="Output"/> after <see cref="Forward"/>.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Number of compiled executors (nodes left after folding).</summary>
    public int ExecutorCount => _executors.Count;

    /// <summary>Node display name and operator of each executor, in run order.</summary>
    public IReadOnlyList<(string Name, string Op)> Executors => [.. _executors.Select(executor => (executor.Name, executor.OpType))];

    /// <summary>Compiles a model for the given input shapes (inputs not listed keep their declared shapes).</summary>
    /// <param name="model">The model to compile.</param>
    /// <param name="inputShapes">Concrete shapes of runtime inputs.</param>
    /// <param name="mode">Inference, or training (batch statistics, dropout, gradients).</param>
    /// <param name="parameters">Weights shared with other plans of the same model; a new store when null.</param>
    /// <param name="inputsWithGradients">Runtime inputs whose gradients training should also compute (for checks and saliency).</param>
    /// <param name="engine">Threads, kernel variant and Winograd choice of the plan; <see cref="EngineOptions.Default"/> when null.</param>
    public static ExecutionPlan Compile(Model model, IReadOnlyDictionary<string, int[]> inputShapes, ExecutionMode mode = ExecutionMode.Inference,
        ParameterStore? parameters = null, IReadOnlyCollection<string>? inputsWithGradients = null, EngineOptions? engine = null)
    {
        engine ??= EngineOptions.Default;
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
        var executors = new List<OpExecutor>(schedule.Count);
        foreach (var node in schedule)
        {
            var nodeInputs = node.Inputs.Select(i => i.Length == 0 ? null : values.TryGetValue(i, out var v) ? v : throw new ShearsException($"node '{node.DisplayName}' reads '{i}', which nothing produces")).ToArray();
            var outputInfos = node.Outputs.Select(o => o.Length == 0 ? null : inference.Find(renamed.GetValueOrDefault(o, o))).ToArray();
            var context = new OpExecutorContext(node, nodeInputs, outputInfos, model.OpsetVersion, mode, engine, initializers);
            var executor = OpExecutorRegistry.Create(context);
            for (var i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length > 0)
                {
                    values[node.Outputs[i]] = (i < executor.Outputs.Length ? executor.Outputs[i] : null)
                        ?? throw new ShearsException($"node '{node.DisplayName}' ({node.OpType}) has an output {i} ('{node.Outputs[i]}') that the operator does not produce");
                }
            }
            executors.Add(executor);
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
            AllocateGradients(schedule, executors, parameters, grads, activationGrads);
            MarkSoleWriters(executors, activationGrads, graph.Outputs.Select(o => grads.GetValueOrDefault(o.Name)));
        }
        var outputs = graph.Outputs.Select(o => o.Name).ToList();
        return new ExecutionPlan(mode, engine, parameters, executors, values, grads, activationGrads, inputs, outputs);
    }

    private static void AllocateGradients(List<Node> schedule, List<OpExecutor> executors, ParameterStore parameters,
        Dictionary<string, EngineTensor> grads, List<EngineTensor> activationGrads)
    {
        foreach (var name in parameters.Trainable)
        {
            grads[name] = parameters.Grad(name);
        }
        for (var k = 0; k < executors.Count; k++)
        {
            var node = schedule[k];
            var executor = executors[k];
            var needsGrad = false;
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i].Length > 0 && grads.TryGetValue(node.Inputs[i], out var g))
                {
                    executor.InputGrads[i] = g;
                    needsGrad = true;
                }
            }
            if (!needsGrad)
            {
                continue;
            }
            if (!executor.HasBackward)
            {
                throw new ShearsException($"node '{executor.Name}': the engine has no gradient for {executor.OpType}, so this model cannot be trained");
            }
            for (var o = 0; o < node.Outputs.Count; o++)
            {
                if (node.Outputs[o].Length == 0 || executor.Outputs[o].Type != DataType.Float)
                {
                    continue;
                }
                EngineTensor grad;
                if (executor.ViewSource(o) is { } source && executor.InputGrads[source] is { } sourceGrad)
                {
                    grad = sourceGrad.View(executor.Outputs[o].Shape);
                }
                else
                {
                    grad = EngineTensor.Zeros(executor.Outputs[o].Shape);
                    activationGrads.Add(grad);
                }
                executor.OutputGrads[o] = grad;
                grads[node.Outputs[o]] = grad;
            }
        }
    }

    /// <summary>
    /// Finds gradient buffers written by one executor input alone (views share their source's buffer,
    /// so a view's consumers count as writers too). Only cleared activation buffers qualify:
    /// parameter gradients accumulate, and output gradients start from the caller's seed. A buffer
    /// its sole writer fills entirely leaves the list cleared before each backward pass.
    /// </summary>
    private static void MarkSoleWriters(List<OpExecutor> executors, List<EngineTensor> cleared, IEnumerable<EngineTensor?> seeded)
    {
        var writers = new Dictionary<float[], int>(ReferenceEqualityComparer.Instance);
        foreach (var grad in executors.SelectMany(k => k.InputGrads).OfType<EngineTensor>())
        {
            writers[grad.Floats] = writers.GetValueOrDefault(grad.Floats) + 1;
        }
        var eligible = cleared.Select(g => g.Floats).ToHashSet(ReferenceEqualityComparer.Instance);
        eligible.ExceptWith(seeded.OfType<EngineTensor>().Select(g => g.Floats));
        foreach (var executor in executors)
        {
            for (var i = 0; i < executor.InputGrads.Length; i++)
            {
                executor.SoleGradientWriter[i] = executor.InputGrads[i] is { } grad && eligible.Contains(grad.Floats) && writers[grad.Floats] == 1;
                if (executor.SoleGradientWriter[i] && executor.WritesWholeInputGradient(i))
                {
                    cleared.RemoveAll(g => ReferenceEquals(g.Floats, executor.InputGrads[i]!.Floats));
                }
            }
        }
    }

    /// <summary>The tensor holding a value (inputs to fill, outputs to read, any intermediate).</summary>
    public EngineTensor Value(string name) => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no value '{name}' in the plan");

    /// <summary>The buffer of a runtime input, to be filled before <see cref="Forward"/>; the same buffer on every run.</summary>
    /// <exception cref="KeyNotFoundException">The plan has no value of that name.</exception>
    public EngineTensor Input(string name) => Value(name);

    /// <summary>The buffer of an output, valid after <see cref="Forward"/> until the next run overwrites it.</summary>
    /// <exception cref="KeyNotFoundException">The plan has no value of that name.</exception>
    public EngineTensor Output(string name) => Value(name);

    /// <summary>The gradient buffer of a value, when training and the value depends on a trainable weight.</summary>
    public EngineTensor? Gradient(string name) => _grads.GetValueOrDefault(name);

    /// <summary>Runs every executor once, in order, from the current inputs and weights; allocates nothing.</summary>
    public void Forward()
    {
        foreach (var executor in _executors)
        {
            executor.Forward();
        }
    }

    /// <summary>
    /// <see cref="Forward"/> with a timer around every executor: writes each executor's elapsed
    /// <see cref="Stopwatch"/> ticks, in <see cref="Executors"/> order. A separate method, so untimed runs pay nothing.
    /// </summary>
    public void ForwardTimed(Span<long> ticks)
    {
        if (ticks.Length < _executors.Count)
        {
            throw new ArgumentException($"{ticks.Length} slots for {_executors.Count} executors", nameof(ticks));
        }
        var previous = Stopwatch.GetTimestamp();
        for (var i = 0; i < _executors.Count; i++)
        {
            _executors[i].Forward();
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
    /// <see cref="Backward(IReadOnlyDictionary{string, float[]})"/> with a timer around every executor: writes each
    /// executor's elapsed <see cref="Stopwatch"/> ticks, in <see cref="Executors"/> order (zero for executors with nothing to back-propagate).
    /// </summary>
    public void BackwardTimed(IReadOnlyDictionary<string, float[]> outputGradients, Span<long> ticks)
    {
        if (ticks.Length < _executors.Count)
        {
            throw new ArgumentException($"{ticks.Length} slots for {_executors.Count} executors", nameof(ticks));
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
            ParallelRange.For(Engine, grad.Length, 1 << 18, (start, end) => floats.AsSpan(start, end - start).Clear());
        }
        foreach (var (name, seed) in outputGradients)
        {
            var grad = Gradient(name) ?? throw new InvalidOperationException($"output '{name}' does not depend on any trainable weight");
            seed.AsSpan(0, grad.Length).CopyTo(grad.Span);
        }
        for (var k = _executors.Count - 1; k >= 0; k--)
        {
            var executor = _executors[k];
            if (Array.Exists(executor.OutputGrads, g => g is not null))
            {
                if (ticks.IsEmpty)
                {
                    executor.Backward();
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                executor.Backward();
                ticks[k] = Stopwatch.GetTimestamp() - started;
            }
        }
    }
}
