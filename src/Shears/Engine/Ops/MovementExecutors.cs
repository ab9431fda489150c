using Shears.IR.Inference.Rules;

namespace Shears.Engine.Ops;

/// <summary>
/// Registration of data-movement ops. Most are a fixed per-axis map from output to input
/// positions (a <see cref="RearrangeExecutor"/>); the tables for each op are built here.
/// </summary>
internal static class MovementExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(Transpose, "Transpose");
        table.Add(Slice, "Slice");
        table.Add(Tile, "Tile");
        table.Add(Expand, "Expand");
        table.Add(DepthToSpace, "DepthToSpace");
        table.Add(SpaceToDepth, "SpaceToDepth");
        table.Add(Pad, "Pad");
        table.Add(c => new ConcatExecutor(c), "Concat");
        table.Add(c => new SplitExecutor(c), "Split");
        table.Add(c => new GatherExecutor(c), "Gather");
        table.Add(c => new ScatterExecutor(c), "ScatterND", "ScatterElements", "Scatter");
    }

    private static OpExecutor Transpose(OpExecutorContext c)
    {
        var shape = c.Inputs[0]!.Shape;
        var rank = shape.Length;
        var perm = c.Node.GetInts("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)];
        if (perm.Length != rank || !perm.Order().SequenceEqual(Enumerable.Range(0, rank).Select(i => (long)i)))
        {
            throw c.Fail($"perm [{string.Join(",", perm)}] is not a permutation of {rank} axes");
        }
        var strides = ShapeMath.Strides(shape);
        var tables = new int[rank][];
        for (var a = 0; a < rank; a++)
        {
            var source = (int)perm[a];
            tables[a] = TableCopy.Arithmetic(shape[source], 0, strides[source]);
        }
        return new RearrangeExecutor(c, tables, injective: true);
    }

    private static OpExecutor Slice(OpExecutorContext c)
    {
        var shape = c.Inputs[0]!.Shape;
        long[] starts, ends;
        long[]? axes, steps = null;
        if (c.Opset < 10)
        {
            starts = c.Node.GetInts("starts") ?? throw c.Fail("attribute 'starts' is required");
            ends = c.Node.GetInts("ends") ?? throw c.Fail("attribute 'ends' is required");
            axes = c.Node.GetInts("axes");
        }
        else
        {
            starts = ConstantInputs.Ints(c, 1) ?? throw c.Fail("input 'starts' is required");
            ends = ConstantInputs.Ints(c, 2) ?? throw c.Fail("input 'ends' is required");
            axes = ConstantInputs.Ints(c, 3);
            steps = ConstantInputs.Ints(c, 4);
        }
        axes ??= [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        steps ??= [.. Enumerable.Repeat(1L, starts.Length)];
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw c.Fail("starts, ends, axes and steps differ in length");
        }
        var begin = new int[shape.Length];
        var step = Enumerable.Repeat(1, shape.Length).ToArray();
        var count = (int[])shape.Clone();
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = ShapeMath.Axis(c, axes[i], shape.Length);
            if (steps[i] == 0)
            {
                throw c.Fail("a slice step of 0 is not allowed");
            }
            var (start, n) = IndexingRules.Range(starts[i], ends[i], steps[i], shape[axis]);
            begin[axis] = (int)start;
            step[axis] = (int)Math.Clamp(steps[i], int.MinValue, int.MaxValue);
            count[axis] = (int)n;
        }
        return new RearrangeExecutor(c, TableCopy.Box(shape, begin, step, count), injective: true);
    }

    private static OpExecutor Tile(OpExecutorContext c)
    {
        var shape = c.Inputs[0]!.Shape;
        var repeats = ConstantInputs.Ints(c, 1) ?? throw c.Fail("input 'repeats' is required");
        if (repeats.Length != shape.Length || repeats.Any(r => r < 0))
        {
            throw c.Fail($"repeats [{string.Join(",", repeats)}] do not fit rank {shape.Length}");
        }
        var strides = ShapeMath.Strides(shape);
        var output = c.OutputShape(0);
        var tables = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            var size = shape[a];
            var stride = strides[a];
            tables[a] = Table(output[a], i => i % size * stride);
        }
        return new RearrangeExecutor(c, tables, injective: repeats.All(r => r == 1));
    }

    private static OpExecutor Expand(OpExecutorContext c)
    {
        var shape = c.Inputs[0]!.Shape;
        var output = c.OutputShape(0);
        var strides = ShapeMath.Strides(shape);
        var tables = new int[output.Length][];
        for (var a = 0; a < output.Length; a++)
        {
            var source = a - (output.Length - shape.Length);
            var walks = source >= 0 && shape[source] != 1;
            tables[a] = TableCopy.Arithmetic(output[a], 0, walks ? strides[source] : 0);
        }
        return new RearrangeExecutor(c, tables, injective: ShapeMath.Product(output) == ShapeMath.Product(shape));
    }

    private static OpExecutor DepthToSpace(OpExecutorContext c)
    {
        var (shape, block) = BlockLayout(c);
        var output = c.OutputShape(0);
        var strides = ShapeMath.Strides(shape);
        var channels = output[1];
        var columnRegular = c.Node.GetString("mode", "DCR") switch
        {
            // Input channel = (row-in-block · b + column-in-block) · C' + c'.
            "DCR" => false,
            // Input channel = c' · b² + row-in-block · b + column-in-block.
            "CRD" => true,
            var mode => throw c.Fail($"mode '{mode}' is not DCR or CRD"),
        };
        var channelStep = columnRegular ? block * block * strides[1] : strides[1];
        var rowBlockStep = columnRegular ? block * strides[1] : block * channels * strides[1];
        var columnBlockStep = columnRegular ? strides[1] : channels * strides[1];
        int[][] tables =
        [
            TableCopy.Arithmetic(output[0], 0, strides[0]),
            TableCopy.Arithmetic(channels, 0, channelStep),
            Table(output[2], h => (h / block * strides[2]) + (h % block * rowBlockStep)),
            Table(output[3], w => (w / block * strides[3]) + (w % block * columnBlockStep)),
        ];
        return new RearrangeExecutor(c, tables, injective: true);
    }

    private static OpExecutor SpaceToDepth(OpExecutorContext c)
    {
        var (shape, block) = BlockLayout(c);
        var output = c.OutputShape(0);
        var strides = ShapeMath.Strides(shape);
        var channels = shape[1];
        // Output channel = (row-in-block · b + column-in-block) · C + c.
        int[][] tables =
        [
            TableCopy.Arithmetic(output[0], 0, strides[0]),
            Table(output[1], k => (k % channels * strides[1]) + (k / (block * channels) * strides[2]) + (k / channels % block * strides[3])),
            TableCopy.Arithmetic(output[2], 0, block * strides[2]),
            TableCopy.Arithmetic(output[3], 0, block * strides[3]),
        ];
        return new RearrangeExecutor(c, tables, injective: true);
    }

    private static (int[] Shape, int Block) BlockLayout(OpExecutorContext c)
    {
        var shape = c.Inputs[0]!.Shape;
        var block = (int)c.Node.GetInt("blocksize", 0);
        if (shape.Length != 4 || block <= 0)
        {
            throw c.Fail($"needs a 4-D input and a positive blocksize, got rank {shape.Length} and {block}");
        }
        return (shape, block);
    }

    private static OpExecutor Pad(OpExecutorContext c)
    {
        var padding = Padding.Read(c);
        if (padding.Mode == "constant")
        {
            return new ConstantPadExecutor(c, padding);
        }
        var shape = c.Inputs[0]!.Shape;
        var output = c.OutputShape(0);
        var strides = ShapeMath.Strides(shape);
        var tables = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            var size = shape[a];
            var before = padding.Begin[a];
            var stride = strides[a];
            Func<int, int> source = padding.Mode switch
            {
                "edge" => i => Math.Clamp(i, 0, size - 1),
                "reflect" => i => Reflect(i, size),
                "wrap" => i => ((i % size) + size) % size,
                _ => throw c.Fail($"mode '{padding.Mode}' is not constant, reflect, edge or wrap"),
            };
            if (size == 0)
            {
                throw c.Fail($"cannot pad an empty axis {a} in {padding.Mode} mode");
            }
            tables[a] = Table(output[a], o => source(o - before) * stride);
        }
        return new RearrangeExecutor(c, tables, injective: false);
    }

    /// <summary>Mirror index without repeating the edge: …, 2, 1, [0, 1, …, n−1], n−2, ….</summary>
    private static int Reflect(int i, int size)
    {
        if (size == 1)
        {
            return 0;
        }
        var period = 2 * (size - 1);
        i = ((i % period) + period) % period;
        return i < size ? i : period - i;
    }

    private static int[] Table(int size, Func<int, int> offset)
    {
        var table = new int[Math.Max(size, 1)];
        for (var i = 0; i < size; i++)
        {
            table[i] = offset(i);
        }
        return table;
    }
}
