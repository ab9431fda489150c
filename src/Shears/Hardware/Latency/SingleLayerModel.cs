using Shears.IR;
using Shears.Numerics;

namespace Shears.Hardware.Latency;

/// <summary>
/// A model of one layer for timing it alone: one input, the layer with small random weights and a
/// bias, one output. The node is named <see cref="NodeName"/> so per-node timings can find it.
/// </summary>
internal static class SingleLayerModel
{
    /// <summary>The name of the one timed node.</summary>
    public const string NodeName = "layer";
    private const string InputName = "x";

    /// <summary>A model of the layer alone at the signature's sizes, weights drawn from <paramref name="seed"/> and the signature's key.</summary>
    public static Model Build(LayerSignature signature, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var builder = new GraphBuilder("single-layer");
        var random = Rng.ForStream(seed, signature.Key);
        string output;
        if (signature.Kind == LayerKind.Linear)
        {
            builder.Input(InputName, signature.Batch, signature.InputChannels);
            var transposed = signature.Op == "Gemm";
            long[] weightDims = transposed ? [signature.OutputChannels, signature.InputChannels] : [signature.InputChannels, signature.OutputChannels];
            var weight = builder.Initializer("weight", weightDims, Weights(random, signature.InputChannels * signature.OutputChannels, signature.InputChannels));
            if (transposed)
            {
                var bias = builder.Initializer("bias", [signature.OutputChannels], Weights(random, signature.OutputChannels, 1));
                output = AddNamed(builder, new Node("Gemm", [InputName, weight, bias], ["y"], NodeName), NodeAttribute.Of("transB", 1L));
            }
            else
            {
                output = AddNamed(builder, new Node("MatMul", [InputName, weight], ["y"], NodeName));
            }
        }
        else
        {
            builder.Input(InputName, [signature.Batch, signature.InputChannels, .. signature.InputSpatial]);
            var perGroup = signature.InputChannels / signature.Groups;
            var window = signature.Kernel.Aggregate(1L, (product, size) => product * size);
            var weight = builder.Initializer(
                "weight",
                [signature.OutputChannels, perGroup, .. signature.Kernel],
                Weights(random, signature.OutputChannels * perGroup * window, perGroup * window));
            var bias = builder.Initializer("bias", [signature.OutputChannels], Weights(random, signature.OutputChannels, 1));
            var node = new Node("Conv", [InputName, weight, bias], ["y"], NodeName);
            node.Attributes.Add(NodeAttribute.Of("kernel_shape", [.. signature.Kernel]));
            node.Attributes.Add(NodeAttribute.Of("strides", [.. signature.Strides]));
            node.Attributes.Add(NodeAttribute.Of("dilations", [.. signature.Dilations]));
            node.Attributes.Add(NodeAttribute.Of("group", signature.Groups));
            if (signature.AutoPad == "NOTSET")
            {
                node.Attributes.Add(NodeAttribute.Of("pads", [.. signature.Pads]));
            }
            else
            {
                node.Attributes.Add(NodeAttribute.Of("auto_pad", signature.AutoPad));
            }
            output = AddNamed(builder, node);
            if (signature.Activation is { } activation)
            {
                output = FusedActivations.Append(builder, activation, output);
            }
        }
        builder.Output(output);
        return builder.ToModel(13);
    }

    private static string AddNamed(GraphBuilder builder, Node node, params NodeAttribute[] attributes)
    {
        node.Attributes.AddRange(attributes);
        builder.AddNode(node);
        return node.Outputs[0];
    }

    // Scaled like a default initialisation so outputs stay finite; the values never change the timing of dense kernels.
    private static float[] Weights(Rng random, long count, long fanIn)
    {
        var scale = 1f / MathF.Sqrt(Math.Max(1, fanIn));
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((2 * random.NextFloat()) - 1) * scale;
        }
        return values;
    }
}
