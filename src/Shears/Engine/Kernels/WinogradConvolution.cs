using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// The three convolution passes by <see cref="Winograd"/> F(2×2, 3×3). Each image of a chunk is
/// turned channels-last, so the transforms run with channels in the vector lanes. Forward: tiles
/// go into the transform domain as V[ξ] (tiles × channels), 16 GEMMs with the transformed filters
/// U[ξ] (channels × outputs) give M[ξ] (tiles × outputs), and each tile comes back as 2×2
/// outputs. The gradients are the adjoints of the same steps: the output gradient goes in as
/// P = A dY Aᵀ per tile; the input gradient is B (P Uᵀ) Bᵀ added into each tile's 4×4 window, the
/// weight gradient Gᵀ (Σ Vᵀ P) G. Threads split the batch.
/// </summary>
internal static unsafe class WinogradConvolution<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>Chunks gather images until their tiles reach this many GEMM rows; the transform-domain matrices then stay in L2.</summary>
    private const int ChunkTiles = 144;

    /// <summary>Runs one pass; <see cref="ConvTensors"/> holds the tensors it reads and those it overwrites.</summary>
    public static void Run(ConvPass pass, in ConvTensors t, int threads)
    {
        var g = t.Geometry;
        var plan = new Plan { Pass = pass, Tensors = t };
        var weights = (long)Winograd.Positions * g.InChannels * g.OutChannels;
        var outputs = RoundUp(g.OutChannels);
        var transformsWeights = pass != ConvPass.BackwardWeight;
        var sumsGradients = pass is ConvPass.BackwardWeight or ConvPass.Backward;
        var sumsStart = transformsWeights ? weights + outputs : 0;
        var scratch = Scratch.Get(ScratchSlot.WinogradWeights, sumsStart + (sumsGradients ? weights * Math.Min(threads, g.Batch) : 0));
        if (transformsWeights)
        {
            plan.Weights = scratch;
            Winograd.TransformWeights(t.Weight, g.OutChannels, g.InChannels, plan.Weights);
            // The bias padded to whole registers, after the weights.
            plan.Bias = plan.Weights + weights;
            for (var k = 0; k < outputs; k++)
            {
                plan.Bias[k] = t.Bias != null && k < g.OutChannels ? t.Bias[k] : 0f;
            }
        }
        plan.GradientSums = scratch + sumsStart;
        var parts = Split(ref plan, threads);
        if (!sumsGradients)
        {
            return;
        }
        BatchParts.AddPartials(plan.GradientSums, plan.GradientSums + weights, weights, parts - 1);
        Winograd.GradientToWeights(plan.GradientSums, g.OutChannels, g.InChannels, t.WeightGradient);
    }

    /// <summary>Runs the plan over parts of the batch, one per thread; a batch smaller than the thread count threads the GEMMs instead.</summary>
    private static int Split(ref Plan plan, int threads)
    {
        var split = new BatchParts(plan.Tensors.Geometry.Batch, threads);
        plan.ImagesPerPart = split.ImagesPerPart;
        plan.GemmThreads = split.GemmThreads;
        WorkerPool.Run(split.Count, &RunPart, Unsafe.AsPointer(ref plan));
        return split.Count;
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<Plan>(state);
        var t = plan.Tensors;
        var g = t.Geometry;
        var first = part * plan.ImagesPerPart;
        var last = Math.Min(g.Batch, first + plan.ImagesPerPart);
        var tiles = new TileGrid(g);
        var chunk = Math.Clamp(ChunkTiles / tiles.PerImage, 1, last - first);
        var (inputs, outputs) = (RoundUp(g.InChannels), RoundUp(g.OutChannels));
        var inPlane = (long)g.InHeight * g.InWidth;
        var outPlane = (long)g.OutHeight * g.OutWidth;
        var inputStride = (long)chunk * tiles.PerImage * inputs;
        var outputStride = (long)chunk * tiles.PerImage * outputs;
        // Transform-domain matrices on the input side (V, or its gradient) and the output side (M, or P).
        var inputSide = Scratch.Get(ScratchSlot.WinogradInput, Winograd.Positions * inputStride);
        var outputSide = Scratch.Get(ScratchSlot.WinogradProducts, Winograd.Positions * outputStride);
        // A channels-last input-side image with zero padding channels, one zero pixel (read by windows
        // outside either image), then a channels-last output-side image.
        var zeroPixel = Math.Max(inputs, outputs);
        var image = Scratch.Get(ScratchSlot.WinogradImage, (inPlane * inputs) + zeroPixel + (outPlane * outputs));
        var zeros = image + (inPlane * inputs);
        var outputImage = zeros + zeroPixel;
        new Span<float>(image, checked((int)((inPlane * inputs) + zeroPixel))).Clear();
        var weightStep = (long)g.InChannels * g.OutChannels;
        for (var n = first; n < last; n += chunk)
        {
            var count = Math.Min(chunk, last - n);
            var rows = count * tiles.PerImage;
            for (var i = 0; i < count; i++)
            {
                var tile = (long)i * tiles.PerImage;
                if (plan.Pass != ConvPass.BackwardInput)
                {
                    MatrixTranspose.Run(t.Input + ((n + i) * g.InChannels * inPlane), (nint)inPlane, g.InChannels, (int)inPlane, image, inputs);
                    TransformInput(tiles, image, zeros, inputs, inputSide + (tile * inputs), inputStride);
                }
                if (plan.Pass != ConvPass.Forward)
                {
                    MatrixTranspose.Run(t.OutputGradient + ((n + i) * g.OutChannels * outPlane), (nint)outPlane, g.OutChannels, (int)outPlane, outputImage, outputs);
                    TransformOutputGradient(g, tiles, outputImage, zeros, outputs, outputSide + (tile * outputs), outputStride);
                }
            }
            for (var position = 0; position < Winograd.Positions; position++)
            {
                var v = inputSide + (position * inputStride);
                var m = outputSide + (position * outputStride);
                var u = plan.Weights + (position * weightStep);
                if (plan.Pass == ConvPass.Forward)
                {
                    Gemm.Run(t.Variant, GemmArguments.Create(MatrixOp.Identity, MatrixOp.Identity, rows, g.OutChannels, g.InChannels, 1f, v, inputs, u, g.OutChannels, 0f, m, outputs, t.ReadRowMajorA), plan.GemmThreads);
                    continue;
                }
                if (plan.Pass != ConvPass.BackwardInput)
                {
                    // ∂L/∂U[ξ] += V[ξ]ᵀ P[ξ], before the input gradient below takes V's place.
                    var sums = plan.GradientSums + (((part * Winograd.Positions) + position) * weightStep);
                    Gemm.Run(t.Variant, GemmArguments.Create(MatrixOp.Transpose, MatrixOp.Identity, g.InChannels, g.OutChannels, rows, 1f, v, inputs, m, outputs, n == first ? 0f : 1f, sums, g.OutChannels, t.ReadRowMajorA), plan.GemmThreads);
                }
                if (plan.Pass != ConvPass.BackwardWeight)
                {
                    Gemm.Run(t.Variant, GemmArguments.Create(MatrixOp.Identity, MatrixOp.Transpose, rows, g.InChannels, g.OutChannels, 1f, m, outputs, u, g.OutChannels, 0f, v, inputs, t.ReadRowMajorA), plan.GemmThreads);
                }
            }
            for (var i = 0; i < count && plan.Pass != ConvPass.BackwardWeight; i++)
            {
                var tile = (long)i * tiles.PerImage;
                if (plan.Pass == ConvPass.Forward)
                {
                    TransformOutput(g, tiles, outputSide + (tile * outputs), outputStride, plan.Bias, outputs, outputImage);
                    MatrixTranspose.Run(outputImage, outputs, (int)outPlane, g.OutChannels, t.Output + ((n + i) * g.OutChannels * outPlane), (nint)outPlane);
                }
                else
                {
                    new Span<float>(image, checked((int)(inPlane * inputs))).Clear();
                    AddInputGradient(tiles, inputSide + (tile * inputs), inputStride, inputs, image);
                    MatrixTranspose.Run(image, inputs, (int)inPlane, g.InChannels, t.InputGradient + ((n + i) * g.InChannels * inPlane), (nint)inPlane);
                }
            }
        }
    }

    /// <summary>
    /// V = Bᵀ d B for every tile of one channels-last image: tile t's channels land in row t of each
    /// position's matrix (<paramref name="positionStride"/> apart). Windows reaching outside the image read zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformInput(in TileGrid tiles, float* image, float* zeros, int channels, float* target, long positionStride)
    {
        var window = stackalloc float*[16];
        var r = stackalloc TVector[16];
        for (var ti = 0; ti < tiles.Rows; ti++)
        {
            for (var tj = 0; tj < tiles.Columns; tj++)
            {
                tiles.Window(ti, tj, image, channels, zeros, window);
                var to = target + ((long)((ti * tiles.Columns) + tj) * channels);
                for (var c = 0; c < channels; c += TOps.Width)
                {
                    for (var y = 0; y < 4; y++)
                    {
                        var d0 = TOps.Load(window[4 * y] + c);
                        var d1 = TOps.Load(window[(4 * y) + 1] + c);
                        var d2 = TOps.Load(window[(4 * y) + 2] + c);
                        var d3 = TOps.Load(window[(4 * y) + 3] + c);
                        r[4 * y] = TOps.Subtract(d0, d2);
                        r[(4 * y) + 1] = TOps.Add(d1, d2);
                        r[(4 * y) + 2] = TOps.Subtract(d2, d1);
                        r[(4 * y) + 3] = TOps.Subtract(d1, d3);
                    }
                    for (var x = 0; x < 4; x++)
                    {
                        var (r0, r1, r2, r3) = (r[x], r[4 + x], r[8 + x], r[12 + x]);
                        TOps.Store(to + (x * positionStride) + c, TOps.Subtract(r0, r2));
                        TOps.Store(to + ((4 + x) * positionStride) + c, TOps.Add(r1, r2));
                        TOps.Store(to + ((8 + x) * positionStride) + c, TOps.Subtract(r2, r1));
                        TOps.Store(to + ((12 + x) * positionStride) + c, TOps.Subtract(r1, r3));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="TransformInput"/>: B dV Bᵀ of every tile added into its 4×4 window
    /// of a channels-last input-gradient image; window parts in the padding are dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInputGradient(in TileGrid tiles, float* source, long positionStride, int channels, float* image)
    {
        var window = stackalloc float*[16];
        var r = stackalloc TVector[16];
        for (var ti = 0; ti < tiles.Rows; ti++)
        {
            for (var tj = 0; tj < tiles.Columns; tj++)
            {
                tiles.Window(ti, tj, image, channels, null, window);
                var from = source + ((long)((ti * tiles.Columns) + tj) * channels);
                for (var c = 0; c < channels; c += TOps.Width)
                {
                    // Rows of dV through B (4 × 4): (v0, v1 − v2 + v3, v1 + v2 − v0, −v3), per column.
                    for (var x = 0; x < 4; x++)
                    {
                        var v0 = TOps.Load(from + (x * positionStride) + c);
                        var v1 = TOps.Load(from + ((4 + x) * positionStride) + c);
                        var v2 = TOps.Load(from + ((8 + x) * positionStride) + c);
                        var v3 = TOps.Load(from + ((12 + x) * positionStride) + c);
                        r[x] = v0;
                        r[4 + x] = TOps.Add(TOps.Subtract(v1, v2), v3);
                        r[8 + x] = TOps.Subtract(TOps.Add(v1, v2), v0);
                        r[12 + x] = TOps.Subtract(TOps.Zero, v3);
                    }
                    for (var y = 0; y < 4; y++)
                    {
                        var (q0, q1, q2, q3) = (r[4 * y], r[(4 * y) + 1], r[(4 * y) + 2], r[(4 * y) + 3]);
                        AddAt(window[4 * y], c, q0);
                        AddAt(window[(4 * y) + 1], c, TOps.Add(TOps.Subtract(q1, q2), q3));
                        AddAt(window[(4 * y) + 2], c, TOps.Subtract(TOps.Add(q1, q2), q0));
                        AddAt(window[(4 * y) + 3], c, TOps.Subtract(TOps.Zero, q3));
                    }
                }
            }
        }
    }

    private static void AddAt(float* pixel, int channel, TVector value)
    {
        if (pixel != null)
        {
            TOps.Store(pixel + channel, TOps.Add(TOps.Load(pixel + channel), value));
        }
    }

    /// <summary>
    /// P = A dY Aᵀ for every 2×2 tile of one channels-last output-gradient image, the tile's
    /// gradient with respect to the 16 transform-domain products; outputs past the edge read zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformOutputGradient(ConvGeometry g, in TileGrid tiles, float* image, float* zeros, int channels, float* target, long positionStride)
    {
        for (var ti = 0; ti < tiles.Rows; ti++)
        {
            var y = 2 * ti;
            var below = y + 1 < g.OutHeight;
            for (var tj = 0; tj < tiles.Columns; tj++)
            {
                var x = 2 * tj;
                var right = x + 1 < g.OutWidth;
                var at = image + ((((long)y * g.OutWidth) + x) * channels);
                var p00 = at;
                var p01 = right ? at + channels : zeros;
                var p10 = below ? at + ((long)g.OutWidth * channels) : zeros;
                var p11 = below && right ? p10 + channels : zeros;
                var to = target + ((long)((ti * tiles.Columns) + tj) * channels);
                for (var k = 0; k < channels; k += TOps.Width)
                {
                    var d00 = TOps.Load(p00 + k);
                    var d01 = TOps.Load(p01 + k);
                    var d10 = TOps.Load(p10 + k);
                    var d11 = TOps.Load(p11 + k);
                    // Columns through A (4 × 2): (d0, d0 + d1, d0 − d1, −d1), then rows likewise.
                    Spread(to + k, positionStride, 0, d00, d01);
                    Spread(to + k, positionStride, 4, TOps.Add(d00, d10), TOps.Add(d01, d11));
                    Spread(to + k, positionStride, 8, TOps.Subtract(d00, d10), TOps.Subtract(d01, d11));
                    Spread(to + k, positionStride, 12, TOps.Subtract(TOps.Zero, d10), TOps.Subtract(TOps.Zero, d11));
                }
            }
        }
    }

    /// <summary>One row of A dY Aᵀ from its two column values: (q0, q0 + q1, q0 − q1, −q1) at positions <paramref name="row"/> .. row + 3.</summary>
    private static void Spread(float* to, long positionStride, int row, TVector q0, TVector q1)
    {
        TOps.Store(to + (row * positionStride), q0);
        TOps.Store(to + ((row + 1) * positionStride), TOps.Add(q0, q1));
        TOps.Store(to + ((row + 2) * positionStride), TOps.Subtract(q0, q1));
        TOps.Store(to + ((row + 3) * positionStride), TOps.Subtract(TOps.Zero, q1));
    }

    /// <summary>Y = Aᵀ M A plus the bias for every tile of one image, into a channels-last output clipped to its edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformOutput(ConvGeometry g, in TileGrid tiles, float* products, long positionStride, float* bias, int channels, float* image)
    {
        var s = stackalloc TVector[8];
        for (var ti = 0; ti < tiles.Rows; ti++)
        {
            var fullHeight = (2 * ti) + 1 < g.OutHeight;
            for (var tj = 0; tj < tiles.Columns; tj++)
            {
                var fullWidth = (2 * tj) + 1 < g.OutWidth;
                var from = products + ((long)((ti * tiles.Columns) + tj) * channels);
                var to = image + ((((long)2 * ti * g.OutWidth) + (2 * tj)) * channels);
                var below = to + ((long)g.OutWidth * channels);
                for (var k = 0; k < channels; k += TOps.Width)
                {
                    for (var x = 0; x < 4; x++)
                    {
                        var m0 = TOps.Load(from + (x * positionStride) + k);
                        var m1 = TOps.Load(from + ((4 + x) * positionStride) + k);
                        var m2 = TOps.Load(from + ((8 + x) * positionStride) + k);
                        var m3 = TOps.Load(from + ((12 + x) * positionStride) + k);
                        s[x] = TOps.Add(TOps.Add(m0, m1), m2);
                        s[4 + x] = TOps.Subtract(TOps.Subtract(m1, m2), m3);
                    }
                    var b = TOps.Load(bias + k);
                    TOps.Store(to + k, TOps.Add(TOps.Add(TOps.Add(s[0], s[1]), s[2]), b));
                    if (fullWidth)
                    {
                        TOps.Store(to + channels + k, TOps.Add(TOps.Subtract(TOps.Subtract(s[1], s[2]), s[3]), b));
                    }
                    if (fullHeight)
                    {
                        TOps.Store(below + k, TOps.Add(TOps.Add(TOps.Add(s[4], s[5]), s[6]), b));
                        if (fullWidth)
                        {
                            TOps.Store(below + channels + k, TOps.Add(TOps.Subtract(TOps.Subtract(s[5], s[6]), s[7]), b));
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int channels) => (channels + TOps.Width - 1) / TOps.Width * TOps.Width;

    private struct Plan
    {
        public ConvPass Pass;
        public ConvTensors Tensors;

        /// <summary>U[ξ] (inputs × outputs).</summary>
        public float* Weights;

        /// <summary>For the weight gradient: 16 matrices ∂L/∂U[ξ] per part, each summed over that part's tiles.</summary>
        public float* GradientSums;

        /// <summary>The bias padded to whole registers (zeros without one).</summary>
        public float* Bias;
        public int ImagesPerPart;
        public int GemmThreads;
    }

    /// <summary>The 2×2 output tiles covering one output plane.</summary>
    private readonly struct TileGrid(ConvGeometry g)
    {
        public int Rows { get; } = (g.OutHeight + 1) / 2;

        public int Columns { get; } = (g.OutWidth + 1) / 2;

        public int PerImage => Rows * Columns;

        /// <summary>
        /// The 16 pixels of tile (ti, tj)'s 4×4 input window in a channels-last image, row by row;
        /// a pixel in the padding is <paramref name="outside"/> (a zero pixel to read, or null to skip).
        /// </summary>
        public void Window(int ti, int tj, float* image, int channels, float* outside, float** window)
        {
            for (var y = 0; y < 4; y++)
            {
                var sy = (2 * ti) + y - g.PadTop;
                for (var x = 0; x < 4; x++)
                {
                    var sx = (2 * tj) + x - g.PadLeft;
                    var inside = (uint)sy < (uint)g.InHeight && (uint)sx < (uint)g.InWidth;
                    window[(4 * y) + x] = inside ? image + ((((long)sy * g.InWidth) + sx) * channels) : outside;
                }
            }
        }
    }
}
