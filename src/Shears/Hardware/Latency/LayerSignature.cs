using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>
/// What a layer's latency depends on: its kind, channel counts, batch, spatial size and window
/// attributes. <see cref="ShapeClass"/> leaves the channel counts out, so a pruned layer finds the
/// table measured for its unpruned self; <see cref="Key"/> includes them.
/// </summary>
public sealed record LayerSignature
{
    /// <summary>The layer family: dense, depthwise or grouped convolution, or linear.</summary>
    public required LayerKind Kind { get; init; }

    /// <summary>The ONNX operator a single-layer model of this signature uses.</summary>
    public required string Op { get; init; }

    /// <summary>Images in a convolution's batch; rows of a linear layer's input.</summary>
    public required long Batch { get; init; }

    /// <summary>Input channels (a linear layer's input features).</summary>
    public required long InputChannels { get; init; }

    /// <summary>Output channels (a linear layer's output features).</summary>
    public required long OutputChannels { get; init; }

    /// <summary>A convolution's channel groups; 1 for dense convolutions and linear layers.</summary>
    public long Groups { get; init; } = 1;

    /// <summary>Input height, width (and further spatial axes); empty for linear layers.</summary>
    public ImmutableArray<long> InputSpatial { get; init; } = [];

    /// <summary>Kernel size per spatial axis; empty for linear layers.</summary>
    public ImmutableArray<long> Kernel { get; init; } = [];

    /// <summary>Stride per spatial axis; empty for linear layers.</summary>
    public ImmutableArray<long> Strides { get; init; } = [];

    /// <summary>Begin pads for every spatial axis, then end pads, as ONNX writes them.</summary>
    public ImmutableArray<long> Pads { get; init; } = [];

    /// <summary>Dilation per spatial axis; empty for linear layers.</summary>
    public ImmutableArray<long> Dilations { get; init; } = [];

    /// <summary>ONNX auto_pad, when the model pads by rule instead of explicit pads.</summary>
    public string AutoPad { get; init; } = "NOTSET";

    /// <summary>
    /// The activation the runtime fuses into this layer (Relu, Clip, ...), measured with it because a
    /// fused activation still passes over the output; null when none follows.
    /// </summary>
    public FusedActivation? Activation { get; init; }

    /// <summary>Everything but the channel counts, e.g. "conv k3x3 s1x1 p1,1,1,1 d1x1 n1 56x56".</summary>
    [JsonIgnore]
    public string ShapeClass
    {
        get
        {
            var text = new StringBuilder(KindName(Kind));
            if (Kind != LayerKind.Linear)
            {
                text.Append(" k").AppendJoin('x', Kernel)
                    .Append(" s").AppendJoin('x', Strides)
                    .Append(" p").AppendJoin(',', Pads)
                    .Append(" d").AppendJoin('x', Dilations);
                if (AutoPad != "NOTSET")
                {
                    text.Append(' ').Append(AutoPad.ToLowerInvariant());
                }
                if (Kind == LayerKind.GroupedConvolution)
                {
                    text.Append(" g").Append(Groups.ToString(CultureInfo.InvariantCulture));
                }
            }
            text.Append(" n").Append(Batch.ToString(CultureInfo.InvariantCulture));
            if (InputSpatial.Length > 0)
            {
                text.Append(' ').AppendJoin('x', InputSpatial);
            }
            if (Activation is { } activation)
            {
                text.Append(" +").Append(activation.ToString().ToLowerInvariant());
            }
            return text.ToString();
        }
    }

    /// <summary>The shape class with the channel counts, e.g. "conv k3x3 ... 56x56 c64>128".</summary>
    [JsonIgnore]
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{ShapeClass} c{InputChannels}>{OutputChannels}");

    /// <summary>Multiply-accumulates of one run.</summary>
    public long Macs()
    {
        var outputPixels = OutputSpatial().Aggregate(1L, (product, size) => product * size);
        var window = Kernel.Aggregate(1L, (product, size) => product * size);
        return Batch * outputPixels * OutputChannels * (InputChannels / Math.Max(1, Groups)) * window;
    }

    /// <summary>Output height, width (...) from the window arithmetic; empty for linear layers.</summary>
    public ImmutableArray<long> OutputSpatial()
    {
        if (InputSpatial.Length == 0)
        {
            return [];
        }
        var rank = InputSpatial.Length;
        var sizes = new long[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var extent = (Dilations[axis] * (Kernel[axis] - 1)) + 1;
            sizes[axis] = AutoPad is "SAME_UPPER" or "SAME_LOWER"
                ? (InputSpatial[axis] + Strides[axis] - 1) / Strides[axis]
                : AutoPad == "VALID"
                    ? ((InputSpatial[axis] - extent) / Strides[axis]) + 1
                    : ((InputSpatial[axis] + Pads[axis] + Pads[axis + rank] - extent) / Strides[axis]) + 1;
        }
        return [.. sizes];
    }

    /// <summary>
    /// The same layer with other channel counts. A depthwise layer keeps one group per channel, so
    /// its two counts are one: the smaller of the two asked for.
    /// </summary>
    public LayerSignature WithChannels(long inputChannels, long outputChannels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputChannels);
        return Kind switch
        {
            LayerKind.DepthwiseConvolution => this with
            {
                InputChannels = Math.Min(inputChannels, outputChannels),
                OutputChannels = Math.Min(inputChannels, outputChannels),
                Groups = Math.Min(inputChannels, outputChannels),
            },
            _ => this with { InputChannels = inputChannels, OutputChannels = outputChannels },
        };
    }

    /// <summary>
    /// The signature of a Conv, Gemm or MatMul node whose weight is a constant and whose shapes are
    /// known, with the activation that alone reads its output (a convolution's only; runtimes fuse
    /// those); null for any other node.
    /// </summary>
    public static LayerSignature? Of(Node node, Graph graph, Func<string, Shape?> shapeOf, IReadOnlyDictionary<string, List<Node>> consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        var signature = Of(node, graph, shapeOf);
        if (signature is null || signature.Kind == LayerKind.Linear || node.Outputs.Count == 0
            || consumers.GetValueOrDefault(node.Outputs[0]) is not [var only] || FusedActivations.Of(only) is not { } activation)
        {
            return signature;
        }
        return signature with { Activation = activation };
    }

    /// <summary>The signature of a Conv, Gemm or MatMul node on its own (no activation); null for any other node.</summary>
    public static LayerSignature? Of(Node node, Graph graph, Func<string, Shape?> shapeOf)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(shapeOf);
        if (!node.IsStandard || node.Input(0) is not { } input || node.Input(1) is not { } weight || !graph.IsInitializer(weight))
        {
            return null;
        }
        var x = shapeOf(input);
        var w = shapeOf(weight);
        if (x is not { IsConcrete: true } || w is not { IsConcrete: true })
        {
            return null;
        }
        return node.OpType switch
        {
            "Conv" => Convolution(node, x.ToArray(), w.ToArray()),
            "Gemm" => Gemm(node, x.ToArray(), w.ToArray()),
            "MatMul" => MatMul(x.ToArray(), w.ToArray()),
            _ => null,
        };
    }

    private static LayerSignature? Convolution(Node node, long[] x, long[] w)
    {
        if (x.Length < 3 || w.Length != x.Length)
        {
            return null;
        }
        var rank = x.Length - 2;
        var groups = node.GetInt("group", 1);
        var inputChannels = x[1];
        var outputChannels = w[0];
        var kind = groups == 1 ? LayerKind.Convolution
            : groups == inputChannels && outputChannels == inputChannels ? LayerKind.DepthwiseConvolution
            : LayerKind.GroupedConvolution;
        return new LayerSignature
        {
            Kind = kind,
            Op = "Conv",
            Batch = x[0],
            InputChannels = inputChannels,
            OutputChannels = outputChannels,
            Groups = groups,
            InputSpatial = [.. x[2..]],
            Kernel = [.. w[2..]],
            Strides = [.. node.GetInts("strides") ?? Enumerable.Repeat(1L, rank)],
            Pads = [.. node.GetInts("pads") ?? Enumerable.Repeat(0L, 2 * rank)],
            Dilations = [.. node.GetInts("dilations") ?? Enumerable.Repeat(1L, rank)],
            AutoPad = node.GetString("auto_pad", "NOTSET"),
        };
    }

    private static LayerSignature? Gemm(Node node, long[] a, long[] b)
    {
        if (a.Length != 2 || b.Length != 2)
        {
            return null;
        }
        var transA = node.GetInt("transA", 0) != 0;
        var transB = node.GetInt("transB", 0) != 0;
        return Linear("Gemm", transA ? a[1] : a[0], transA ? a[0] : a[1], transB ? b[0] : b[1]);
    }

    private static LayerSignature? MatMul(long[] a, long[] b) =>
        a.Length >= 2 && b.Length == 2 ? Linear("MatMul", a[..^1].Aggregate(1L, (product, size) => product * size), a[^1], b[1]) : null;

    private static LayerSignature Linear(string op, long rows, long inputFeatures, long outputFeatures) => new()
    {
        Kind = LayerKind.Linear,
        Op = op,
        Batch = rows,
        InputChannels = inputFeatures,
        OutputChannels = outputFeatures,
    };

    private static string KindName(LayerKind kind) => kind switch
    {
        LayerKind.DepthwiseConvolution => "dwconv",
        LayerKind.GroupedConvolution => "gconv",
        LayerKind.Linear => "linear",
        _ => "conv",
    };
}
