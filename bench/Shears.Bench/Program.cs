using Shears.Bench;
using Shears.Engine.Kernels;

if (args.Length > 0 && args[0] == "quick")
{
    QuickGemm(args.Skip(1).Select(int.Parse).DefaultIfEmpty(512).ToArray());
    return;
}

static void QuickGemm(int[] sizes)
{
    foreach (var size in sizes)
    {
        var a = new float[size * size];
        var b = new float[size * size];
        var c = new float[size * size];
        new Random(1).NextBytes(new byte[1]);
        Array.Fill(a, 0.5f);
        Array.Fill(b, 0.25f);
        foreach (var variant in KernelRegistry.Available)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                KernelThreading.ThreadCount = threads;
                using var forced = KernelRegistry.Force(variant);
                var seconds = QuickTimer.MedianSeconds(() => Gemm.Multiply(MatrixOp.Identity, MatrixOp.Identity, size, size, size, a, b, c));
                Console.WriteLine($"{size,5} {variant,-10} t={threads} {2.0 * size * size * size / seconds / 1e9,7:F1} GFLOP/s");
            }
        }
    }
}
