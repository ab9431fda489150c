namespace Shears.Engine.Ops;

/// <summary>Registration of reductions, ArgMax/ArgMin and Softmax/LogSoftmax.</summary>
internal static class ReductionKernels
{
    public static void Register(KernelTable table)
    {
        table.Add(c => new ReduceKernel(c, ReduceKind.Sum), "ReduceSum");
        table.Add(c => new ReduceKernel(c, ReduceKind.Mean), "ReduceMean");
        table.Add(c => new ReduceKernel(c, ReduceKind.Max), "ReduceMax");
        table.Add(c => new ReduceKernel(c, ReduceKind.Min), "ReduceMin");
        table.Add(c => new ReduceKernel(c, ReduceKind.Prod), "ReduceProd");
        table.Add(c => new ReduceKernel(c, ReduceKind.L1), "ReduceL1");
        table.Add(c => new ReduceKernel(c, ReduceKind.L2), "ReduceL2");
        table.Add(c => new ReduceKernel(c, ReduceKind.SumSquare), "ReduceSumSquare");
        table.Add(c => new ReduceKernel(c, ReduceKind.LogSum), "ReduceLogSum");
        table.Add(c => new ReduceKernel(c, ReduceKind.LogSumExp), "ReduceLogSumExp");
        table.Add(c => new ArgReduceKernel(c, max: true), "ArgMax");
        table.Add(c => new ArgReduceKernel(c, max: false), "ArgMin");
        table.Add(c => new SoftmaxKernel(c, log: false), "Softmax");
        table.Add(c => new SoftmaxKernel(c, log: true), "LogSoftmax");
    }
}
