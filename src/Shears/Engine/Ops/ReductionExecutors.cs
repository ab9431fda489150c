namespace Shears.Engine.Ops;

/// <summary>Registration of reductions, ArgMax/ArgMin and Softmax/LogSoftmax.</summary>
internal static class ReductionExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new ReduceExecutor(c, ReduceKind.Sum), "ReduceSum");
        table.Add(c => new ReduceExecutor(c, ReduceKind.Mean), "ReduceMean");
        table.Add(c => new ReduceExecutor(c, ReduceKind.Max), "ReduceMax");
        table.Add(c => new ReduceExecutor(c, ReduceKind.Min), "ReduceMin");
        table.Add(c => new ReduceExecutor(c, ReduceKind.Prod), "ReduceProd");
        table.Add(c => new ReduceExecutor(c, ReduceKind.L1), "ReduceL1");
        table.Add(c => new ReduceExecutor(c, ReduceKind.L2), "ReduceL2");
        table.Add(c => new ReduceExecutor(c, ReduceKind.SumSquare), "ReduceSumSquare");
        table.Add(c => new ReduceExecutor(c, ReduceKind.LogSum), "ReduceLogSum");
        table.Add(c => new ReduceExecutor(c, ReduceKind.LogSumExp), "ReduceLogSumExp");
        table.Add(c => new ArgReduceExecutor(c, max: true), "ArgMax");
        table.Add(c => new ArgReduceExecutor(c, max: false), "ArgMin");
        table.Add(c => new SoftmaxExecutor(c, log: false), "Softmax");
        table.Add(c => new SoftmaxExecutor(c, log: true), "LogSoftmax");
    }
}
