using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>Recognises fusable activation nodes and rebuilds them for single-layer models.</summary>
public static class FusedActivations
{
    /// <summary>The activation a node is, or null when it is not one runtimes fuse.</summary>
    public static FusedActivation? Of(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!node.IsStandard)
        {
            return null;
        }
        return node.OpType switch
        {
            "Relu" => FusedActivation.Relu,
            "Clip" => FusedActivation.Clip,
            "LeakyRelu" => FusedActivation.LeakyRelu,
            "HardSigmoid" => FusedActivation.HardSigmoid,
            "Sigmoid" => FusedActivation.Sigmoid,
            "Tanh" => FusedActivation.Tanh,
            _ => null,
        };
    }

    /// <summary>Appends the activation to <paramref name="input"/> and returns its output; Clip gets ReLU6's bounds.</summary>
    public static string Append(GraphBuilder builder, FusedActivation activation, string input)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (activation == FusedActivation.Clip)
        {
            var low = builder.Initializer("clip_min", [], [0f]);
            var high = builder.Initializer("clip_max", [], [6f]);
            return builder.Add("Clip", [input, low, high]);
        }
        return builder.Add(activation.ToString(), [input]);
    }
}
