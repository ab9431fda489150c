using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Registration of broadcasting binary, comparison and selection ops.</summary>
internal static class BinaryExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(Arithmetic(new BinaryOps.Add(), (a, b) => a + b), "Add");
        table.Add(Arithmetic(new BinaryOps.Sub(), (a, b) => a - b), "Sub");
        table.Add(Arithmetic(new BinaryOps.Mul(), (a, b) => a * b), "Mul");
        table.Add(Arithmetic(new BinaryOps.Div(), (a, b) => b == 0 ? 0 : Math.Truncate(a / b)), "Div");
        table.Add(Arithmetic(new BinaryOps.Pow(), Math.Pow), "Pow");
        table.Add(Arithmetic(new BinaryOps.Max(), Math.Max), "Max");
        table.Add(Arithmetic(new BinaryOps.Min(), Math.Min), "Min");
        table.Add(Compare((a, b) => a == b), "Equal");
        table.Add(Compare((a, b) => a < b), "Less");
        table.Add(Compare((a, b) => a > b), "Greater");
        table.Add(Compare((a, b) => a <= b), "LessOrEqual");
        table.Add(Compare((a, b) => a >= b), "GreaterOrEqual");
        table.Add(c => new GenericElementwiseExecutor(c, v => v[0] != 0 && v[1] != 0 ? 1 : 0), "And");
        table.Add(c => new GenericElementwiseExecutor(c, v => v[0] != 0 || v[1] != 0 ? 1 : 0), "Or");
        table.Add(c => new GenericElementwiseExecutor(c, v => v[0] == 0 ? 1 : 0), "Not");
        table.Add(c => new GenericElementwiseExecutor(c, v => v[0] != 0 ? v[1] : v[2]), "Where");
    }

    /// <summary>Float inputs take the vectorised executor; integer ones (rare leftovers of shape arithmetic) the generic one.</summary>
    private static Func<OpExecutorContext, OpExecutor> Arithmetic(IBinaryOp op, Func<double, double, double> integer) => c =>
    {
        if (c.Inputs.Length == 1)
        {
            return new ViewExecutor(c);
        }
        if (c.Inputs.Length != 2)
        {
            throw c.Fail($"takes 2 inputs in the engine, got {c.Inputs.Length}");
        }
        return c.Inputs[0]?.Type == DataType.Float
            ? new BinaryExecutor(c, op)
            : new GenericElementwiseExecutor(c, v => integer(v[0], v[1]));
    };

    private static Func<OpExecutorContext, OpExecutor> Compare(Func<double, double, bool> compare) =>
        c => new GenericElementwiseExecutor(c, v => compare(v[0], v[1]) ? 1 : 0);
}
