using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// Convolution as GEMMs over chunks of images, per group. With W_g the group's Kg x (Cg·R·S)
/// weight, X_g the (Cg·R·S) x (images·OH·OW) column matrix of a chunk (im2col of each image side
/// by side) and Y_g its Kg x (images·OH·OW) output: forward Y_g = W_g X_g; input gradient
/// dX_g = fold(W_gᵀ dY_g); weight gradient dW_g = Σ dY_g X_gᵀ. Small feature maps are chunked so
/// each GEMM is wide enough to run at full speed; a single image whose input or output can be
/// used where it lies skips the copies.
/// </summary>
internal static unsafe class ImageGemmConvolution
{
    /// <summary>Chunks gather images until their output positions reach this many GEMM columns.</summary>
    private const int ChunkColumns = 2048;

    /// <summary>
    /// An image with this many output positions fills a GEMM alone, written where its output lies
    /// instead of through a chunk copy (the CNN's first layer, 676 positions: 0.67 → 0.60 ms forward).
    /// </summary>
    private const int WideImagePositions = 512;

    public static void Run(ConvPass pass, ref ConvTensors tensors, int threads)
    {
        var g = tensors.Geometry;
        var split = new BatchParts(g.Batch, threads);
        var plan = new Plan
        {
            Tensors = tensors,
            Pass = pass,
            ImagesPerPart = split.ImagesPerPart,
            GemmThreads = split.GemmThreads,
        };
        var parts = split.Count;
        if (pass == ConvPass.BackwardWeight && parts > 1)
        {
            // Every part but the first sums its images into a private copy, added up at the end.
            var length = checked((int)g.WeightLength);
            plan.PartialWeightGradients = Scratch.Get(ScratchSlot.WeightGradient, (long)(parts - 1) * length);
            WorkerPool.Run(parts, &RunPart, Unsafe.AsPointer(ref plan));
            BatchParts.AddPartials(tensors.WeightGradient, plan.PartialWeightGradients, length, parts - 1);
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
        var positions = g.OutHeight * g.OutWidth;
        var chunk = positions >= WideImagePositions ? 1 : Math.Clamp((ChunkColumns + positions - 1) / positions, 1, last - first);
        var depth = (long)g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;
        var columns = Scratch.Get(ScratchSlot.Columns, depth * chunk * positions);
        var rows = Scratch.Get(ScratchSlot.ChunkRows, (long)g.OutChannelsPerGroup * chunk * positions);
        for (var n = first; n < last; n += chunk)
        {
            var count = Math.Min(chunk, last - n);
            for (var group = 0; group < g.Groups; group++)
            {
                var images = new ChunkImages(g, n, count, group);
                RunChunk(plan.Pass, t, images, columns, rows, accumulate: n > first, plan.GemmThreads);
            }
        }
    }

    private static void RunChunk(ConvPass pass, in ConvTensors t, in ChunkImages images, float* columns, float* rows, bool accumulate, int threads)
    {
        var g = t.Geometry;
        var (cg, kg, width) = (g.InChannelsPerGroup, g.OutChannelsPerGroup, images.Width);
        var depth = cg * g.KernelHeight * g.KernelWidth;
        var weightOffset = (long)images.Group * kg * depth;
        var inPlace = images.Count == 1;
        switch (pass)
        {
            case ConvPass.Forward:
                {
                    var source = Columns(g, images, t.Input, columns);
                    var target = inPlace ? images.Output(t.Output) : rows;
                    var beta = 0f;
                    if (t.Bias != null)
                    {
                        // Start from the bias and let the GEMM add onto it.
                        for (var k = 0; k < kg; k++)
                        {
                            new Span<float>(target + ((long)k * width), width).Fill(t.Bias[(images.Group * kg) + k]);
                        }
                        beta = 1f;
                    }
                    Multiply(t, MatrixOp.Identity, MatrixOp.Identity, kg, width, depth, t.Weight + weightOffset, depth, source, width, beta, target, width, threads);
                    if (!inPlace)
                    {
                        images.CopyOutputRows(rows, t.Output, toChunk: false);
                    }
                    break;
                }
            case ConvPass.BackwardInput:
                {
                    var outputGradient = OutputGradientRows(images, t.OutputGradient, rows);
                    if (inPlace && g.IsPointwise)
                    {
                        Multiply(t, MatrixOp.Transpose, MatrixOp.Identity, cg, width, kg, t.Weight + weightOffset, depth, outputGradient, width, 0f, images.Input(t.InputGradient), width, threads);
                        break;
                    }
                    Multiply(t, MatrixOp.Transpose, MatrixOp.Identity, depth, width, kg, t.Weight + weightOffset, depth, outputGradient, width, 0f, columns, width, threads);
                    for (var i = 0; i < images.Count; i++)
                    {
                        var inputGradient = images.Input(t.InputGradient, i);
                        new Span<float>(inputGradient, cg * g.InHeight * g.InWidth).Clear();
                        Im2Col.FoldAdd(g, columns + (i * images.Positions), width, inputGradient);
                    }
                    break;
                }
            case ConvPass.BackwardWeight:
                {
                    var outputGradient = OutputGradientRows(images, t.OutputGradient, rows);
                    var source = Columns(g, images, t.Input, columns);
                    var beta = accumulate ? 1f : 0f;
                    Multiply(t, MatrixOp.Identity, MatrixOp.Transpose, kg, depth, width, outputGradient, width, source, width, beta, t.WeightGradient + weightOffset, depth, threads);
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(pass));
        }
    }

    /// <summary>The chunk's column matrix: a single pointwise image's input as it lies, else im2col of each image side by side.</summary>
    private static float* Columns(ConvGeometry g, in ChunkImages images, float* input, float* columns)
    {
        if (images.Count == 1 && g.IsPointwise)
        {
            return images.Input(input);
        }
        for (var i = 0; i < images.Count; i++)
        {
            Im2Col.Unfold(g, images.Input(input, i), columns + (i * images.Positions), images.Width);
        }
        return columns;
    }

    /// <summary>The chunk's output gradient as one Kg x width matrix: in place for a single image, else gathered into <paramref name="rows"/>.</summary>
    private static float* OutputGradientRows(in ChunkImages images, float* outputGradient, float* rows)
    {
        if (images.Count == 1)
        {
            return images.Output(outputGradient);
        }
        images.CopyOutputRows(rows, outputGradient, toChunk: true);
        return rows;
    }

    private static void Multiply(in ConvTensors t, MatrixOp opA, MatrixOp opB, int m, int n, int k, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int threads) =>
        Gemm.Run(t.Variant, GemmArguments.Create(opA, opB, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc, t.ReadRowMajorA), threads);

    private struct Plan
    {
        public ConvTensors Tensors;
        public ConvPass Pass;
        public int ImagesPerPart;
        public int GemmThreads;
        public float* PartialWeightGradients;
    }

    /// <summary>Consecutive images of one group: where their tensors lie and how they sit side by side in a chunk matrix.</summary>
    private readonly struct ChunkImages(ConvGeometry g, int first, int count, int group)
    {
        public int Count { get; } = count;

        public int Group { get; } = group;

        /// <summary>Output positions (OH·OW) per image.</summary>
        public int Positions { get; } = g.OutHeight * g.OutWidth;

        /// <summary>Columns of the chunk matrix.</summary>
        public int Width => Count * Positions;

        /// <summary>Start of image i's group channels in an input-shaped tensor.</summary>
        public float* Input(float* tensor, int i = 0) =>
            tensor + ((((long)(first + i) * g.InChannels) + ((long)Group * g.InChannelsPerGroup)) * g.InHeight * g.InWidth);

        /// <summary>Start of image i's group channels in an output-shaped tensor.</summary>
        public float* Output(float* tensor, int i = 0) =>
            tensor + ((((long)(first + i) * g.OutChannels) + ((long)Group * g.OutChannelsPerGroup)) * Positions);

        /// <summary>Copies each output channel row between the images' tensor and the Kg x width chunk matrix.</summary>
        public void CopyOutputRows(float* chunk, float* tensor, bool toChunk)
        {
            for (var i = 0; i < Count; i++)
            {
                var image = Output(tensor, i);
                for (var k = 0; k < g.OutChannelsPerGroup; k++)
                {
                    var inTensor = new Span<float>(image + ((long)k * Positions), Positions);
                    var inChunk = new Span<float>(chunk + ((long)k * Width) + (i * Positions), Positions);
                    if (toChunk)
                    {
                        inTensor.CopyTo(inChunk);
                    }
                    else
                    {
                        inChunk.CopyTo(inTensor);
                    }
                }
            }
        }
    }
}
