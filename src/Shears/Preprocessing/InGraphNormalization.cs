using Shears.IR;

namespace Shears.Preprocessing;

/// <summary>
/// Puts input normalisation into the graph: the model's input becomes raw values (pixels in [0, 1]) and its first
/// nodes compute (x − mean) / std, so any runtime fed what a user would feed gets the accuracy Shears measured.
/// The constants are not trained (<see cref="IsNormalizationConstant"/>) and the spec is written into the metadata.
/// </summary>
public static class InGraphNormalization
{
    /// <summary>Names of the initializers this class adds start with this, which keeps training from updating them.</summary>
    public const string ConstantPrefix = "shears.input.";

    /// <summary>True for the mean and deviation initializers <see cref="Prepend"/> adds.</summary>
    public static bool IsNormalizationConstant(string initializerName) =>
        initializerName.StartsWith(ConstantPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A copy of <paramref name="model"/> that takes raw inputs in [<paramref name="rangeMin"/>, <paramref name="rangeMax"/>]
    /// and normalises them with <paramref name="statistics"/> before its first node. The layout is read from the
    /// input's shape: rank 4 is channels-first (or channels-last when its last axis matches the channel count and the
    /// second does not), rank 2 is a feature vector.
    /// </summary>
    public static Model Prepend(Model model, InputStatistics statistics, float rangeMin = 0, float rangeMax = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(statistics);
        if (InputSpec.Read(model) is { NormalizesInGraph: true })
        {
            throw new ShearsException("the model already normalises its input in the graph");
        }
        var input = model.Graph.RuntimeInputs.ToList() is [var only] ? only : throw new ShearsException($"in-graph normalisation needs a model with one input, this one has {model.Graph.RuntimeInputs.Count()}");
        var shape = input.Shape ?? throw new ShearsException($"input '{input.Name}' has no declared shape");
        var channels = statistics.Mean.Count;
        var layout = LayoutOf(shape, channels);
        if (channels > 1 && ChannelExtent(shape, layout) is { } extent && extent != channels)
        {
            throw new ShearsException($"input '{input.Name}' has {extent} channels but the statistics have {channels}");
        }

        if (model.Graph.Outputs.Any(o => o.Name == input.Name))
        {
            throw new ShearsException($"input '{input.Name}' is also an output; there is nothing to normalise");
        }

        var copy = model.Clone();
        var graph = copy.Graph;
        long[] constantDims = channels == 1 ? [] : layout == InputLayoutKind.ChannelsFirst ? [channels, 1, 1] : [channels];
        var mean = ConstantPrefix + "mean";
        var std = ConstantPrefix + "std";
        graph.Initializers[mean] = Tensor.FromFloats(mean, constantDims, [.. statistics.Mean]);
        graph.Initializers[std] = Tensor.FromFloats(std, constantDims, [.. statistics.StandardDeviation]);
        var centred = ConstantPrefix + "centred";
        var normalised = ConstantPrefix + "normalised";
        foreach (var node in graph.Nodes)
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] == input.Name)
                {
                    node.Inputs[i] = normalised;
                }
            }
        }
        // Sub then Div, the same two float operations the data pipeline used, so a model trained this way matches one
        // trained on normalised data.
        graph.Nodes.InsertRange(0,
        [
            new Node("Sub", [input.Name, mean], [centred], ConstantPrefix + "subtract_mean"),
            new Node("Div", [centred, std], [normalised], ConstantPrefix + "divide_by_std"),
        ]);
        var spatial = SpatialExtents(shape, layout);
        var spec = new InputSpec
        {
            InputName = input.Name,
            Layout = layout,
            RangeMin = rangeMin,
            RangeMax = rangeMax,
            Channels = layout == InputLayoutKind.Features ? null : (int?)ChannelExtent(shape, layout),
            Height = spatial?.Height,
            Width = spatial?.Width,
            Mean = statistics.Mean,
            StandardDeviation = statistics.StandardDeviation,
        };
        return spec.WriteTo(copy);
    }

    private static InputLayoutKind LayoutOf(Shape shape, int channels)
    {
        if (shape.Rank == 4)
        {
            var second = shape[1].Value;
            var last = shape[3].Value;
            return channels > 1 && last == channels && second != channels ? InputLayoutKind.ChannelsLast : InputLayoutKind.ChannelsFirst;
        }
        return shape.Rank == 2 ? InputLayoutKind.Features : throw new ShearsException($"in-graph normalisation needs an input of rank 2 or 4, not {shape}");
    }

    private static int? ChannelExtent(Shape shape, InputLayoutKind layout) => layout switch
    {
        InputLayoutKind.ChannelsFirst => (int?)shape[1].Value,
        InputLayoutKind.ChannelsLast => (int?)shape[3].Value,
        _ => null,
    };

    private static (int Height, int Width)? SpatialExtents(Shape shape, InputLayoutKind layout)
    {
        var (h, w) = layout switch
        {
            InputLayoutKind.ChannelsFirst => (shape[2].Value, shape[3].Value),
            InputLayoutKind.ChannelsLast => (shape[1].Value, shape[2].Value),
            _ => (null, null),
        };
        return h is { } height && w is { } width ? ((int)height, (int)width) : null;
    }
}
