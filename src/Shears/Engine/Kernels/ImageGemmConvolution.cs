using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// Convolution as one GEMM per image and group. With W_g the group's Kg x (Cg·R·S) weight, X_g
/// its (Cg·R·S) x (OH·OW) column matrix (the input itself for pointwise) and Y_g its Kg x (OH·OW) output:
/// forward Y_g = W_g X_g; input gradient dX_g = fold(W_gᵀ dY_g); weight gradient dW_g = Σ_n dY_g X_gᵀ.
/// </summary>
internal static unsafe class ImageGemmConvolution
{
    public static void Run(ConvPass pass, ref ConvTensors tensors, int threads)
    {
        var g = tensors.Geometry;
        var parts = Math.Min(threads, g.Batch);
        var plan = new Plan
        {
            Tensors = tensors,
            Pass = pass,
            ImagesPerPart = (g.Batch + parts - 1) / parts,
            // Too few images to go round: thread each GEMM instead.
            GemmThreads = parts < threads ? threads : 1,
        };
        parts = (g.Batch + plan.ImagesPerPart - 1) / plan.ImagesPerPart;
        if (pass == ConvPass.BackwardWeight && parts > 1)
        {
            // Every part but the first sums its images into a private copy, added up at the end.
            var length = checked((int)g.WeightLength);
            plan.PartialWeightGradients = Scratch.Get(ScratchSlot.WeightGradient, (long)(parts - 1) * length);
            WorkerPool.Run(parts, &RunPart, Unsafe.AsPointer(ref plan));
            for (var part = 1; part < parts; part++)
            {
                var partial = plan.PartialWeightGradients + ((long)(part - 1) * length);
                for (var i = 0; i < length; i++)
                {
                    tensors.WeightGradient[i] += partial[i];
                }
            }
            return;
        }
        WorkerPool.Run(parts, &RunPart, Unsafe.AsPointer(ref plan));
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<Plan>(state);
        var t = plan.Tensors;
        var g = t.Geometry;
        var first = part * plan.ImagesPerPart;
        var last = Math.Min(g.Batch, first + plan.ImagesPerPart);
        if (plan.Pass == ConvPass.BackwardWeight && part > 0)
        {
            t.WeightGradient = plan.PartialWeightGradients + ((part - 1) * g.WeightLength);
        }
        var columnsLength = (long)g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth * g.OutHeight * g.OutWidth;
        var columns = g.IsPointwise ? null : Scratch.Get(ScratchSlot.Columns, columnsLength);
        for (var n = first; n < last; n++)
        {
            for (var group = 0; group < g.Groups; group++)
            {
                RunImageGroup(plan.Pass, t, n, group, columns, accumulate: n > first, plan.GemmThreads);
            }
        }
    }

    private static void RunImageGroup(ConvPass pass, in ConvTensors t, int n, int group, float* columns, bool accumulate, int threads)
    {
        var g = t.Geometry;
        var inPlane = g.InHeight * g.InWidth;
        var outPlane = g.OutHeight * g.OutWidth;
        var (cg, kg) = (g.InChannelsPerGroup, g.OutChannelsPerGroup);
        var depth = cg * g.KernelHeight * g.KernelWidth;
        var imageGroupIn = (((long)n * g.InChannels) + ((long)group * cg)) * inPlane;
        var imageGroupOut = (((long)n * g.OutChannels) + ((long)group * kg)) * outPlane;
        var weight = (long)group * kg * depth;
        switch (pass)
        {
            case ConvPass.Forward:
                {
                    var output = t.Output + imageGroupOut;
                    var source = Columns(g, t.Input + imageGroupIn, columns);
                    var beta = 0f;
                    if (t.Bias != null)
                    {
                        // Start from the bias and let the GEMM add onto it.
                        for (var k = 0; k < kg; k++)
                        {
                            new Span<float>(output + ((long)k * outPlane), outPlane).Fill(t.Bias[(group * kg) + k]);
                        }
                        beta = 1f;
                    }
                    Multiply(t.Variant, MatrixOp.Identity, MatrixOp.Identity, kg, outPlane, depth, t.Weight + weight, depth, source, outPlane, beta, output, outPlane, threads);
                    break;
                }
            case ConvPass.BackwardInput:
                {
                    var inputGradient = t.InputGradient + imageGroupIn;
                    var outputGradient = t.OutputGradient + imageGroupOut;
                    if (g.IsPointwise)
                    {
                        Multiply(t.Variant, MatrixOp.Transpose, MatrixOp.Identity, cg, inPlane, kg, t.Weight + weight, depth, outputGradient, outPlane, 0f, inputGradient, inPlane, threads);
                        break;
                    }
                    Multiply(t.Variant, MatrixOp.Transpose, MatrixOp.Identity, depth, outPlane, kg, t.Weight + weight, depth, outputGradient, outPlane, 0f, columns, outPlane, threads);
                    new Span<float>(inputGradient, cg * inPlane).Clear();
                    Im2Col.FoldAdd(g, columns, inputGradient);
                    break;
                }
            case ConvPass.BackwardWeight:
                {
                    var source = Columns(g, t.Input + imageGroupIn, columns);
                    var beta = accumulate ? 1f : 0f;
                    Multiply(t.Variant, MatrixOp.Identity, MatrixOp.Transpose, kg, depth, outPlane, t.OutputGradient + imageGroupOut, outPlane, source, outPlane, beta, t.WeightGradient + weight, depth, threads);
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(pass));
        }
    }

    /// <summary>The GEMM operand for one image group: the input itself when pointwise, else its im2col unfolding.</summary>
    private static float* Columns(ConvGeometry g, float* imageGroup, float* columns)
    {
        if (g.IsPointwise)
        {
            return imageGroup;
        }
        Im2Col.Unfold(g, imageGroup, columns);
        return columns;
    }

    private static void Multiply(KernelVariant variant, MatrixOp opA, MatrixOp opB, int m, int n, int k, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int threads) =>
        Gemm.Run(variant, GemmArguments.Create(opA, opB, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc), threads);

    private struct Plan
    {
        public ConvTensors Tensors;
        public ConvPass Pass;
        public int ImagesPerPart;
        public int GemmThreads;
        public float* PartialWeightGradients;
    }
}
