using Shears.IR;

namespace Shears.Pruning.Dependency;

/// <summary>How each operator couples the channels of its inputs and outputs.</summary>
internal sealed partial class DependencyBuilder
{
    private void Apply(Node node)
    {
        if (!node.IsStandard)
        {
            BlockInputs(node, $"operator {node.Domain}.{node.OpType} is opaque to Shears");
            return;
        }
        switch (node.OpType)
        {
            case "Conv":
                Convolution(node);
                return;
            case "ConvTranspose":
                Convolution(node);
                return;
            case "Gemm":
                Gemm(node);
                return;
            case "MatMul":
                MatMul(node);
                return;
            case "BatchNormalization":
            case "InstanceNormalization":
                ChannelAxisOp(node, "normalizes per channel on axis 1");
                return;
            case "MaxPool":
            case "AveragePool":
            case "LpPool":
            case "GlobalAveragePool":
            case "GlobalMaxPool":
            case "GlobalLpPool":
            case "Resize":
            case "Upsample":
                ChannelAxisOp(node, "works per channel on axis 1");
                return;
            case "Concat":
                Concat(node);
                return;
            case "Split":
                Split(node);
                return;
            case "Slice":
                Slice(node);
                return;
            case "Gather":
                Gather(node);
                return;
            case "Transpose":
                Transpose(node);
                return;
            case "Reshape":
            case "Flatten":
                Reshape(node);
                return;
            case "Squeeze":
            case "Unsqueeze":
                SqueezeOrUnsqueeze(node);
                return;
            case "Softmax":
            case "LogSoftmax":
            case "Hardmax":
            case "CumSum":
            case "LayerNormalization":
                AxisOp(node);
                return;
            case "Pad":
            case "Tile":
                PadOrTile(node);
                return;
            case "Expand":
                Broadcast(node, [0]);
                return;
            case "Shape":
            case "Size":
                return;
            default:
                break;
        }
        var category = OpTraits.CategoryOf(node);
        switch (category)
        {
            case OpCategory.ElementwiseUnary:
                PassThrough(node);
                return;
            case OpCategory.ElementwiseBroadcast:
                Broadcast(node, [.. Enumerable.Range(0, node.Inputs.Count)]);
                return;
            case OpCategory.Reduction:
                Reduction(node);
                return;
            default:
                BlockInputs(node, $"Shears cannot prune through {node.OpType}");
                return;
        }
    }

    private void PassThrough(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        foreach (var output in node.Outputs.Where(o => o.Length > 0 && ShapeOf(o).Length == Rank(input!)))
        {
            if (Track(output, AxisOf(input!)))
            {
                JoinAll(input!, output);
            }
        }
    }

    /// <summary>Ops that work per channel along axis 1 (NCHW): normalization, pooling, resampling.</summary>
    private void ChannelAxisOp(Node node, string what)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        if (AxisOf(input!) != 1)
        {
            Block(input!, $"{node.OpType} {what}, but the channels sit on axis {AxisOf(input!)}");
            return;
        }
        NoteLayer(input!, node);
        var output = node.Outputs[0];
        if (Track(output, 1))
        {
            JoinAll(input!, output);
        }
    }

    /// <summary>Ops with an axis attribute that mixes elements along it (Softmax, LayerNormalization, CumSum).</summary>
    private void AxisOp(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var rank = Rank(input!);
        var axis = (int)node.GetInt("axis", node.OpType is "LayerNormalization" ? -1 : node.OpType == "CumSum" ? 0 : -1);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = AxisOf(input!);
        if (node.OpType == "LayerNormalization")
        {
            // Normalizing over the channel axis is allowed: its scale and bias lose the same entries.
            NoteLayer(input!, node);
        }
        else if (tracked == axis || (node.OpType != "CumSum" && _opset < 13 && tracked >= axis))
        {
            Block(input!, $"{node.OpType} mixes values along the channel axis");
            return;
        }
        var output = node.Outputs[0];
        if (Track(output, tracked))
        {
            JoinAll(input!, output);
        }
    }

    private void Convolution(Node node)
    {
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        var group = (int)node.GetInt("group", 1);
        NoteLayer(output, node);
        Track(output, 1, isSource: true);
        var inTracked = IsTracked(input) && AxisOf(input) == 1;
        if (IsTracked(input) && !inTracked)
        {
            Block(input, "a convolution reads channels on axis 1 but they sit elsewhere");
        }
        if (inTracked)
        {
            NoteLayer(input, node);
        }
        if (group == 1)
        {
            return;
        }
        // Grouped and depthwise convolutions lose whole groups: a group's inputs and outputs go together.
        var inChannels = (int)ShapeOf(input)[1];
        var outChannels = (int)ShapeOf(output)[1];
        var inPerGroup = inChannels / group;
        var outPerGroup = outChannels / group;
        if (!inTracked)
        {
            Block(output, "a grouped convolution whose input channels cannot be pruned");
            return;
        }
        for (var g = 0; g < group; g++)
        {
            for (var i = 0; i < inPerGroup; i++)
            {
                Join(input, (g * inPerGroup) + i, output, g * outPerGroup);
            }
            for (var o = 1; o < outPerGroup; o++)
            {
                Join(output, g * outPerGroup, output, (g * outPerGroup) + o);
            }
        }
    }

    private void Gemm(Node node)
    {
        var input = node.Input(0)!;
        var output = node.Outputs[0];
        if (node.GetInt("transA", 0) != 0)
        {
            BlockInputs(node, "Gemm with transA reads features on the first axis");
            return;
        }
        if (IsTracked(node.Input(1)))
        {
            BlockInputs(node, "Gemm's weight is computed, not stored");
            return;
        }
        NoteLayer(output, node);
        Track(output, 1, isSource: true);
        if (IsTracked(input))
        {
            if (AxisOf(input) != 1)
            {
                Block(input, "Gemm reads features on axis 1 but the channels sit elsewhere");
                return;
            }
            NoteLayer(input, node);
        }
    }

    private void MatMul(Node node)
    {
        var a = node.Input(0)!;
        var b = node.Input(1)!;
        var output = node.Outputs[0];
        var aShape = ShapeOf(a);
        var bShape = ShapeOf(b);
        var outRank = Rank(output);
        if (IsConstant(b) && !IsTracked(a) && bShape.Length >= 2)
        {
            NoteLayer(output, node);
            Track(output, outRank - 1, isSource: true);
            return;
        }
        if (IsConstant(b) && bShape.Length >= 2)
        {
            // A weight applied to tracked features: the features are its rows, its columns are new channels.
            if (AxisOf(a) != aShape.Length - 1)
            {
                if (aShape.Length >= 2 && AxisOf(a) == aShape.Length - 2)
                {
                    BlockInputs(node, "a weight multiplies rows of a tracked value");
                    return;
                }
                var batchAxis = outRank - aShape.Length + AxisOf(a);
                if (Track(output, batchAxis))
                {
                    JoinAll(a, output);
                }
                return;
            }
            NoteLayer(a, node);
            NoteLayer(output, node);
            Track(output, outRank - 1, isSource: true);
            return;
        }
        if (aShape.Length < 2 || bShape.Length < 2)
        {
            BlockInputs(node, "MatMul of vectors");
            return;
        }
        // Two activations (attention): contraction axes join; rows, columns and batch axes flow to the output.
        var outAxis = -1;
        void Flow(string operand, int axisInOutput)
        {
            if (outAxis >= 0 && outAxis != axisInOutput)
            {
                Block(operand, "MatMul would carry channels on two output axes");
                return;
            }
            outAxis = axisInOutput;
        }
        var aAxis = IsTracked(a) ? AxisOf(a) : -1;
        var bAxis = IsTracked(b) ? AxisOf(b) : -1;
        var aContracts = aAxis == aShape.Length - 1;
        var bContracts = bAxis == bShape.Length - 2;
        if (aContracts != bContracts)
        {
            var (tracked, other) = aContracts ? (a, b) : (b, a);
            if (IsConstant(other))
            {
                NoteLayer(tracked, node);
            }
            else
            {
                Block(tracked, "it is contracted with a value whose channels cannot be pruned with it");
            }
        }
        else if (aContracts && bContracts)
        {
            for (var i = 0; i < _tracked[a].Size; i++)
            {
                Join(a, i, b, i);
            }
        }
        if (aAxis >= 0 && !aContracts)
        {
            Flow(a, aAxis == aShape.Length - 2 ? outRank - 2 : outRank - aShape.Length + aAxis);
        }
        if (bAxis >= 0 && !bContracts)
        {
            Flow(b, bAxis == bShape.Length - 1 ? outRank - 1 : outRank - bShape.Length + bAxis);
        }
        if (outAxis < 0 || !Track(output, outAxis))
        {
            return;
        }
        if (aAxis >= 0 && !aContracts)
        {
            JoinAll(a, output);
        }
        if (bAxis >= 0 && !bContracts)
        {
            JoinAll(b, output);
        }
    }

    /// <summary>Elementwise ops with numpy broadcasting over the listed inputs.</summary>
    private void Broadcast(Node node, int[] operands)
    {
        var output = node.Outputs[0];
        var outRank = Rank(output);
        int? axis = null;
        foreach (var i in operands)
        {
            var input = node.Input(i);
            if (!IsTracked(input))
            {
                continue;
            }
            var aligned = outRank - Rank(input!) + AxisOf(input!);
            if (axis is { } a && a != aligned)
            {
                BlockInputs(node, $"{node.OpType} combines values whose channels sit on different axes");
                return;
            }
            axis = aligned;
        }
        if (axis is not { } outAxis)
        {
            return;
        }
        foreach (var i in operands)
        {
            var input = node.Input(i);
            if (input is null || IsTracked(input))
            {
                continue;
            }
            var shape = ShapeOf(input);
            var offset = outAxis - (outRank - shape.Length);
            var spans = offset >= 0 && shape[offset] != 1;
            if (!spans)
            {
                continue;
            }
            if (IsConstant(input))
            {
                NoteLayer(output, node);
            }
            else
            {
                BlockInputs(node, $"{node.OpType} combines the channels with '{input}', which cannot lose the same channels");
                return;
            }
        }
        if (!Track(output, outAxis))
        {
            return;
        }
        foreach (var i in operands)
        {
            if (node.Input(i) is { } input && IsTracked(input))
            {
                JoinAll(input, output);
            }
        }
    }

    private void Reduction(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var rank = Rank(input!);
        var axis = AxisOf(input!);
        var keep = node.GetInt("keepdims", 1) != 0;
        HashSet<int> reduced;
        if (node.OpType is "ArgMax" or "ArgMin")
        {
            var a = (int)node.GetInt("axis", 0);
            reduced = [a < 0 ? a + rank : a];
        }
        else
        {
            var axes = node.GetInts("axes") ?? (node.Input(1) is { } axesInput && _graph.FindInitializer(axesInput) is { } t ? t.ToInt64s() : null);
            reduced = axes is null || axes.Length == 0 ? [.. Enumerable.Range(0, rank)] : [.. axes.Select(a => (int)(a < 0 ? a + rank : a))];
        }
        if (reduced.Contains(axis))
        {
            // Summing over channels: the result has none to prune.
            NoteLayer(input!, node);
            return;
        }
        var outAxis = keep ? axis : axis - reduced.Count(r => r < axis);
        if (Track(node.Outputs[0], outAxis))
        {
            JoinAll(input!, node.Outputs[0]);
        }
    }

    private void Concat(Node node)
    {
        var output = node.Outputs[0];
        var rank = Rank(output);
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = node.Inputs.Where(i => i.Length > 0 && IsTracked(i)).ToList();
        if (tracked.Count == 0)
        {
            return;
        }
        if (tracked.Any(i => AxisOf(i) == axis))
        {
            if (!tracked.All(i => AxisOf(i) == axis))
            {
                BlockInputs(node, "Concat of values whose channels sit on different axes");
                return;
            }
            Track(output, axis);
            var offset = 0;
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
            {
                var size = (int)ShapeOf(input)[axis];
                if (IsTracked(input))
                {
                    for (var i = 0; i < size; i++)
                    {
                        Join(input, i, output, offset + i);
                    }
                    NoteLayer(output, node);
                }
                offset += size;
            }
            return;
        }
        Broadcast(node, [.. Enumerable.Range(0, node.Inputs.Count)]);
    }

    private void Split(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var rank = Rank(input!);
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = AxisOf(input!);
        var offset = 0;
        foreach (var output in node.Outputs)
        {
            if (output.Length == 0)
            {
                continue;
            }
            var size = (int)ShapeOf(output)[axis];
            Track(output, tracked);
            if (axis == tracked)
            {
                for (var i = 0; i < size; i++)
                {
                    Join(input!, offset + i, output, i);
                }
                NoteLayer(input!, node);
            }
            else
            {
                JoinAll(input!, output);
            }
            offset += size;
        }
    }

    private void Slice(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var shape = ShapeOf(input!);
        var axis = AxisOf(input!);
        if (SliceRange.Find(_graph, node, shape, axis) is not { } range)
        {
            PassThroughSameAxis(node, input!);
            return;
        }
        if (range.Step != 1)
        {
            Block(input!, "a strided slice along the channel axis");
            return;
        }
        var output = node.Outputs[0];
        if (Track(output, axis))
        {
            for (var i = 0; i < range.Count; i++)
            {
                Join(input!, (int)range.Start + i, output, i);
            }
            NoteLayer(output, node);
        }
    }

    private void PassThroughSameAxis(Node node, string input)
    {
        var output = node.Outputs[0];
        if (Track(output, AxisOf(input)))
        {
            JoinAll(input, output);
        }
    }

    private void Gather(Node node)
    {
        var input = node.Input(0);
        if (IsConstant(input) && node.GetInt("axis", 0) == 0 && Rank(input!) == 2)
        {
            // An embedding lookup: the table's columns are the channels of every looked-up vector.
            var output = node.Outputs[0];
            NoteLayer(output, node);
            Track(output, Rank(output) - 1, isSource: true);
            return;
        }
        if (!IsTracked(input))
        {
            return;
        }
        var rank = Rank(input!);
        var axis = (int)node.GetInt("axis", 0);
        axis = axis < 0 ? axis + rank : axis;
        var tracked = AxisOf(input!);
        if (axis == tracked)
        {
            Block(input!, "Gather picks along the channel axis");
            return;
        }
        var indicesRank = Rank(node.Input(1)!);
        var outAxis = tracked < axis ? tracked : tracked - 1 + indicesRank;
        if (Track(node.Outputs[0], outAxis))
        {
            JoinAll(input!, node.Outputs[0]);
        }
    }

    private void Transpose(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var rank = Rank(input!);
        var perm = node.GetInts("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)];
        var outAxis = Array.IndexOf(perm, (long)AxisOf(input!));
        if (Track(node.Outputs[0], outAxis))
        {
            JoinAll(input!, node.Outputs[0]);
        }
    }

    private void Reshape(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var output = node.Outputs[0];
        var mapping = ReshapeMapping.Map(ShapeOf(input!), AxisOf(input!), ShapeOf(output), _policy, out var reason);
        if (mapping is null)
        {
            Block(input!, reason!);
            return;
        }
        if (!Track(output, mapping.OutputAxis))
        {
            return;
        }
        foreach (var (i, o) in mapping.Pairs)
        {
            Join(input!, i, output, o);
        }
        if (mapping.SplitIntoOuter)
        {
            _headValues.Add(output);
        }
        NoteLayer(output, node);
    }

    private void SqueezeOrUnsqueeze(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var output = node.Outputs[0];
        var mapping = ReshapeMapping.Map(ShapeOf(input!), AxisOf(input!), ShapeOf(output), _policy, out var reason);
        if (mapping is null)
        {
            Block(input!, reason!);
            return;
        }
        if (Track(output, mapping.OutputAxis))
        {
            foreach (var (i, o) in mapping.Pairs)
            {
                Join(input!, i, output, o);
            }
        }
    }

    private void PadOrTile(Node node)
    {
        var input = node.Input(0);
        if (!IsTracked(input))
        {
            return;
        }
        var inShape = ShapeOf(input!);
        var outShape = ShapeOf(node.Outputs[0]);
        var axis = AxisOf(input!);
        if (inShape[axis] != outShape[axis])
        {
            Block(input!, $"{node.OpType} changes the channel axis");
            return;
        }
        PassThroughSameAxis(node, input!);
    }
}
