using System.Globalization;
using Shears.Data;
using Shears.IR;
using Shears.Numerics;

namespace Shears.Models;

/// <summary>
/// Builds a network as graph IR, layer by layer, with hierarchical node and initializer names
/// (<c>layer1.0.conv1</c>, <c>layer1.0.conv1.weight</c>) and PyTorch-like default initial values.
/// Each parameter draws from its own stream of the seed, keyed by its name, so a parameter's values
/// do not depend on which layers come before it.
/// </summary>
internal sealed class NetworkBuilder
{
    public const string InputName = "input";
    public const string OutputName = "logits";
    public const string BatchSymbol = "batch";

    private readonly GraphBuilder _graph;
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly int _seed;

    public NetworkBuilder(string graphName, int seed)
    {
        _graph = new GraphBuilder(graphName);
        _seed = seed;
    }

    /// <summary>Declares the image input, [batch, C, H, W] float32 with a symbolic batch.</summary>
    public string Input(ImageShape shape) =>
        _graph.Input(InputName, DataType.Float, Dim.Named(BatchSymbol), shape.Channels, shape.Height, shape.Width);

    /// <summary>Wraps the graph as an opset-17 model whose output is <c>logits</c> [batch, classes].</summary>
    public Model ToModel(string logits, int classCount, Architecture architecture, string description)
    {
        _graph.Output(logits, DataType.Float, new Shape([Dim.Named(BatchSymbol), classCount]));
        var model = _graph.ToModel(opset: 17);
        model.DocString = description;
        model.Metadata.Add(new("shears.architecture", Architectures.Name(architecture)));
        model.Metadata.Add(new("shears.seed", _seed.ToString(CultureInfo.InvariantCulture)));
        return model;
    }

    // ---- Parameters and constants ----

    /// <summary>
    /// PyTorch's default for convolution and linear weights and biases: Kaiming-uniform with a = √5,
    /// which reduces to uniform in ±1/√fan_in.
    /// </summary>
    public string KaimingUniform(string name, long[] dims, long fanIn)
    {
        var bound = (float)(1 / Math.Sqrt(fanIn));
        var rng = ParameterRng(name);
        var values = new float[Count(dims)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.NextUniform(-bound, bound);
        }
        return _graph.Initializer(name, dims, values);
    }

    public string Normal(string name, long[] dims, float standardDeviation)
    {
        var rng = ParameterRng(name);
        var values = new float[Count(dims)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.NextGaussian(0, standardDeviation);
        }
        return _graph.Initializer(name, dims, values);
    }

    public string Filled(string name, long[] dims, float value)
    {
        var values = new float[Count(dims)];
        Array.Fill(values, value);
        return _graph.Initializer(name, dims, values);
    }

    /// <summary>A rank-0 float initializer.</summary>
    public string Scalar(string name, float value) => _graph.Initializer(name, [], [value]);

    /// <summary>An int64 vector initializer (a shape for Reshape).</summary>
    public string Int64s(string name, params long[] values) => _graph.Initializer(Tensor.Vector(name, values));

    // ---- Nodes ----

    /// <summary>Adds a node named <paramref name="name"/> with one output, named <c>{name}_out</c>.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params NodeAttribute[] attributes) =>
        Node(opType, name, inputs, name + "_out", attributes);

    private string Node(string opType, string name, IEnumerable<string> inputs, string output, NodeAttribute[] attributes)
    {
        if (!_nodeNames.Add(name))
        {
            throw new InvalidOperationException($"node name '{name}' is used twice");
        }
        var node = new Node(opType, inputs, [output], name);
        node.Attributes.AddRange(attributes);
        return _graph.AddNode(node).Outputs[0];
    }

    public string Relu(string input, string name) => Node("Relu", name, [input]);

    public string Flatten(string input, string name) => Node("Flatten", name, [input], NodeAttribute.Of("axis", 1L));

    public string Add(string left, string right, string name) => Node("Add", name, [left, right]);

    /// <summary>A square 2-D convolution, weight [out, in, k, k], with PyTorch's default initial values.</summary>
    public string Conv(string input, string name, int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, bool bias = true)
    {
        long fanIn = inChannels * kernel * kernel;
        List<string> inputs = [input, KaimingUniform($"{name}.weight", [outChannels, inChannels, kernel, kernel], fanIn)];
        if (bias)
        {
            inputs.Add(KaimingUniform($"{name}.bias", [outChannels], fanIn));
        }
        return Node("Conv", name, inputs,
            NodeAttribute.Of("kernel_shape", kernel, kernel),
            NodeAttribute.Of("strides", stride, stride),
            NodeAttribute.Of("pads", padding, padding, padding, padding));
    }

    public string MaxPool(string input, string name, int size) => Node("MaxPool", name, [input],
        NodeAttribute.Of("kernel_shape", size, size),
        NodeAttribute.Of("strides", size, size));

    /// <summary>A fully connected layer as PyTorch exports it: Gemm with weight [out, in] and transB = 1.</summary>
    public string Linear(string input, string name, int inFeatures, int outFeatures, string? output = null) =>
        Node("Gemm", name,
            [input, KaimingUniform($"{name}.weight", [outFeatures, inFeatures], inFeatures), KaimingUniform($"{name}.bias", [outFeatures], inFeatures)],
            output ?? name + "_out",
            [NodeAttribute.Of("transB", 1L)]);

    /// <summary>
    /// A linear layer over the last axis of any rank as MatMul (weight [in, out]) then Add (bias
    /// [out]), the form Transformer exports use; nodes <c>{name}/MatMul</c> and <c>{name}/Add</c>.
    /// </summary>
    public string MatMulLinear(string input, string name, int inFeatures, int outFeatures)
    {
        var product = Node("MatMul", $"{name}/MatMul", [input, KaimingUniform($"{name}.weight", [inFeatures, outFeatures], inFeatures)]);
        return Node("Add", $"{name}/Add", [product, KaimingUniform($"{name}.bias", [outFeatures], inFeatures)]);
    }

    /// <summary>Inference-form batch normalization: scale 1, bias 0, running mean 0, running variance 1.</summary>
    public string BatchNorm(string input, string name, int channels) =>
        Node("BatchNormalization", name,
            [input, Filled($"{name}.weight", [channels], 1), Filled($"{name}.bias", [channels], 0),
             Filled($"{name}.running_mean", [channels], 0), Filled($"{name}.running_var", [channels], 1)],
            NodeAttribute.Of("epsilon", 1e-5f),
            NodeAttribute.Of("momentum", 0.9f));

    /// <summary>Layer normalization over the last axis: scale 1, bias 0.</summary>
    public string LayerNorm(string input, string name, int features) =>
        Node("LayerNormalization", name,
            [input, Filled($"{name}.weight", [features], 1), Filled($"{name}.bias", [features], 0)],
            NodeAttribute.Of("axis", -1L),
            NodeAttribute.Of("epsilon", 1e-5f));

    /// <summary>
    /// Exact GELU, x·½·(1 + erf(x/√2)), spelled out in opset-17 operators (Gelu itself is opset 20)
    /// as nodes <c>{name}/Div</c>, <c>/Erf</c>, <c>/Add</c>, <c>/Mul</c>, <c>/Mul_half</c>.
    /// </summary>
    public string Gelu(string input, string name)
    {
        var scaled = Node("Div", $"{name}/Div", [input, Scalar($"{name}.sqrt2", MathF.Sqrt(2))]);
        var erf = Node("Erf", $"{name}/Erf", [scaled]);
        var shifted = Node("Add", $"{name}/Add", [erf, Scalar($"{name}.one", 1)]);
        var gated = Node("Mul", $"{name}/Mul", [input, shifted]);
        return Node("Mul", $"{name}/Mul_half", [gated, Scalar($"{name}.half", 0.5f)]);
    }

    private Rng ParameterRng(string name) => Rng.ForStream((ulong)_seed, name);

    private static int Count(long[] dims) => checked((int)dims.Aggregate(1L, (product, d) => product * d));
}
