namespace Shears.IR.Inference.Rules;

/// <summary>Shapes of MatMul (numpy semantics with batch broadcasting) and Gemm.</summary>
internal static class MatrixRules
{
    public static void Register(RuleTable table)
    {
        table.Add(MatMul, "MatMul");
        table.Add(Gemm, "Gemm");
    }

    private static void MatMul(InferenceContext c)
    {
        var a = c.Shape(0);
        var b = c.Shape(1);
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw c.Invalid("inputs must have rank at least 1");
        }
        // 1-D operands are promoted to matrices and the added axis removed afterwards.
        var left = a.Rank == 1 ? new Shape([1, a[0]]) : a;
        var right = b.Rank == 1 ? new Shape([b[0], 1]) : b;
        var k1 = left[^1];
        var k2 = right[^2];
        if (k1.Value is { } x && k2.Value is { } y && x != y)
        {
            throw c.Invalid($"inner dimensions differ: {a} × {b}");
        }
        var batch = Broadcasting.Shapes([new Shape(left.Take(left.Rank - 2)), new Shape(right.Take(right.Rank - 2))])
            ?? throw c.Invalid($"batch dimensions of {a} and {b} do not broadcast");
        var dims = new List<Dim>(batch);
        if (a.Rank > 1)
        {
            dims.Add(left[^2]);
        }
        if (b.Rank > 1)
        {
            dims.Add(right[^1]);
        }
        c.SetOutput(0, c.InputType(0), new Shape(dims));
    }

    private static void Gemm(InferenceContext c)
    {
        var a = c.Shape(0);
        var b = c.Shape(1);
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw c.Invalid($"inputs must be matrices, got {a} and {b}");
        }
        var transA = c.Int("transA", 0) != 0;
        var transB = c.Int("transB", 0) != 0;
        var m = transA ? a[1] : a[0];
        var k1 = transA ? a[0] : a[1];
        var k2 = transB ? b[1] : b[0];
        var n = transB ? b[0] : b[1];
        if (k1.Value is { } x && k2.Value is { } y && x != y)
        {
            throw c.Invalid($"inner dimensions differ: A{a}{(transA ? "ᵀ" : "")} × B{b}{(transB ? "ᵀ" : "")}");
        }
        var output = new Shape([m, n]);
        if (c.InputShape(2) is { } bias && Broadcasting.Shapes([output, bias]) is null)
        {
            throw c.Invalid($"bias {bias} does not broadcast to {output}");
        }
        c.SetOutput(0, c.InputType(0), output);
    }
}
