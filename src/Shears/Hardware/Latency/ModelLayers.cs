using Shears.Analysis;
using Shears.IR;
using Shears.IR.Inference;

namespace Shears.Hardware.Latency;

/// <summary>Lists the nodes of a model that run, with what latency models need to know about each.</summary>
public static class ModelLayers
{
    // Operators ONNX Runtime folds into a preceding convolution (activation fusion, NCHWc sum fusion).
    private static readonly HashSet<string> FusableIntoConvolution =
        ["Relu", "Clip", "LeakyRelu", "HardSigmoid", "Sigmoid", "Tanh", "Add", "BatchNormalization"];

    /// <summary>Every node of <paramref name="model"/> with its cost at the settings' batch, its layer signature (convolutions and linear layers), and whether ONNX Runtime fuses it into the layer before (never for the engine).</summary>
    public static IReadOnlyList<ModelLayer> Read(Model model, LatencySettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var inference = ShapeInference.Infer(model, new ShapeInferenceOptions { InputShapes = ModelBatch.InputShapes(model, settings.Batch) });
        var analysis = ModelAnalyzer.Analyze(model, inference);
        var graph = model.Graph;
        var producers = graph.Producers();
        var consumers = graph.Consumers();
        var fused = new HashSet<Node>();
        var layers = new List<ModelLayer>(graph.Nodes.Count);
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var cost = analysis.Layers[i];
            if (cost.IsConstant)
            {
                continue;
            }
            var isFused = settings.Runtime == LatencyRuntime.OnnxRuntime && FusesIntoProducer(node, producers, consumers, fused);
            if (isFused)
            {
                fused.Add(node);
            }
            var signature = LayerSignature.Of(node, graph, inference.ShapeOf, consumers);
            var weight = signature is null ? null : graph.FindInitializer(node.Inputs[1]);
            layers.Add(new ModelLayer(node, cost, signature, isFused, ZeroFraction(weight)) { Weight = weight });
        }
        return layers;
    }

    private static double ZeroFraction(Tensor? weight)
    {
        if (weight is not { ElementType: DataType.Float } || weight.ElementCount == 0)
        {
            return 0;
        }
        var values = weight.AsFloats();
        var zeros = 0;
        foreach (var value in values)
        {
            if (value == 0f)
            {
                zeros++;
            }
        }
        return zeros / (double)values.Length;
    }

    private static bool FusesIntoProducer(Node node, Dictionary<string, Node> producers, Dictionary<string, List<Node>> consumers, HashSet<Node> fused)
    {
        if (!node.IsStandard || !FusableIntoConvolution.Contains(node.OpType))
        {
            return false;
        }
        foreach (var input in node.Inputs.Where(input => input.Length > 0))
        {
            if (producers.TryGetValue(input, out var producer)
                && (producer.OpType == "Conv" || fused.Contains(producer))
                && consumers.GetValueOrDefault(input)?.Count == 1)
            {
                return true;
            }
        }
        return false;
    }
}
