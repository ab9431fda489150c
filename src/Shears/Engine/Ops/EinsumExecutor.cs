namespace Shears.Engine.Ops;

/// <summary>
/// Einsum (forward) for one or two float operands. One operand: a single pass adds every element
/// into its output position (permutation and summation at once). Two operands: each is laid out
/// as [batch, free, contracted] (summing subscripts only it has), the batches are multiplied with
/// GEMM, and the [batch, left free, right free] product is permuted into the output order.
/// </summary>
internal sealed class EinsumExecutor : OpExecutor
{
    private readonly TableCopy? _single;
    private readonly Layout? _left;
    private readonly Layout? _right;
    private readonly TableCopy? _toOutput;
    private readonly float[]? _product;
    private readonly (int Batch, int M, int N, int K) _dims;

    public EinsumExecutor(OpExecutorContext context)
        : base(context)
    {
        for (var i = 0; i < Inputs.Length; i++)
        {
            InputChecks.RequireFloat(context, i);
        }
        var equation = EinsumEquation.Parse(context, context.Node.GetString("equation", ""), [.. Inputs.Select(i => i!.Shape)]);
        Outputs[0] = context.NewOutput(0);
        var output = equation.Output;
        if (Inputs.Length == 1)
        {
            _single = Layout.Placement(Options, equation, equation.Operands[0], output);
            return;
        }
        if (Inputs.Length != 2)
        {
            throw context.Fail($"supports one or two operands, got {Inputs.Length}");
        }
        var (a, b) = (equation.Operands[0], equation.Operands[1]);
        var batch = Ordered(output, s => a.Contains(s) && b.Contains(s));
        var leftFree = Ordered(output, s => a.Contains(s) && !b.Contains(s));
        var rightFree = Ordered(output, s => b.Contains(s) && !a.Contains(s));
        var contracted = Ordered(a, s => b.Contains(s) && !output.Contains(s));
        _left = new Layout(Options, equation, a, batch + leftFree + contracted);
        _right = new Layout(Options, equation, b, batch + contracted + rightFree);
        _dims = (Size(equation, batch), Size(equation, leftFree), Size(equation, rightFree), Size(equation, contracted));
        var product = batch + leftFree + rightFree;
        if (product != output)
        {
            _product = new float[ShapeMath.Product(equation.ShapeOf(product))];
            _toOutput = Layout.Placement(Options, equation, product, output);
        }
    }

    public override void Forward()
    {
        var y = Outputs[0].Floats;
        if (_single is not null)
        {
            Array.Clear(y, 0, Outputs[0].Length);
            _single.Add(In(0).Floats, y, injective: false);
            return;
        }
        var a = _left!.Arrange(In(0).Floats);
        var b = _right!.Arrange(In(1).Floats);
        var product = _product ?? y;
        var (batch, m, n, k) = _dims;
        for (var i = 0; i < batch; i++)
        {
            Blas.Gemm(Options, false, false, m, n, k, 1f, a, i * m * k, k, b, i * k * n, n, 0f, product, i * m * n, n);
        }
        _toOutput?.Copy(product, y);
    }

    private static string Ordered(string order, Func<char, bool> keep) => new([.. order.Where(keep)]);

    private static int Size(EinsumEquation equation, string subscripts) => ShapeMath.Product(equation.ShapeOf(subscripts));

    /// <summary>An operand rearranged into a target subscript order, summing subscripts the target lacks; no copy when it already is.</summary>
    private sealed class Layout
    {
        private readonly TableCopy? _copy;
        private readonly float[]? _buffer;
        private readonly bool _sums;

        public Layout(EngineOptions options, EinsumEquation equation, string source, string target)
        {
            if (source == target)
            {
                return;
            }
            _sums = source.Any(s => !target.Contains(s));
            _copy = Placement(options, equation, source, target);
            _buffer = new float[ShapeMath.Product(equation.ShapeOf(target))];
        }

        public float[] Arrange(float[] operand)
        {
            if (_copy is null)
            {
                return operand;
            }
            if (_sums)
            {
                Array.Clear(_buffer!);
                _copy.Add(operand, _buffer!, injective: false);
            }
            else
            {
                _copy.Copy(operand, _buffer!);
            }
            return _buffer!;
        }

        /// <summary>Walks a dense source with subscripts <paramref name="source"/>; each element goes to its place in the dense target (same place for every value of a subscript the target lacks).</summary>
        public static TableCopy Placement(EngineOptions options, EinsumEquation equation, string source, string target)
        {
            var sourceShape = equation.ShapeOf(source);
            var targetStrides = ShapeMath.Strides(equation.ShapeOf(target));
            var tables = new int[source.Length][];
            for (var a = 0; a < source.Length; a++)
            {
                var at = target.IndexOf(source[a], StringComparison.Ordinal);
                tables[a] = TableCopy.Arithmetic(sourceShape[a], 0, at < 0 ? 0 : targetStrides[at]);
            }
            return new TableCopy(options, sourceShape, TableCopy.Dense(sourceShape), tables);
        }
    }
}
