using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// Forward convolution (and, on flipped filters, the input gradient) by <see cref="Winograd"/>
/// F(2×2, 3×3). Each image of a chunk is turned channels-last, so the transforms run with
/// channels in the vector lanes; its tiles are carried into the transform domain as V[ξ]
/// (tiles × channels), multiplied by the transformed filters U[ξ] (channels × outputs) in 16
/// GEMMs, and the products M[ξ] (tiles × outputs) are brought back 2×2 outputs per tile, then
/// turned channels-first again. Threads split the batch.
/// </summary>
internal static unsafe class WinogradConvolution<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>Chunks gather images until their tiles reach this many GEMM rows; V and M then stay in L2.</summary>
    private const int ChunkTiles = 144;

    /// <summary>Output of <paramref name="g"/> (bias added when given) from its input, by the transform-domain product.</summary>
    public static void Forward(KernelVariant variant, ConvGeometry g, float* input, float* weight, bool flipped, float* bias, float* output, int threads)
    {
        var (inputs, outputs) = (g.InChannels, g.OutChannels);
        var transformed = Scratch.Get(ScratchSlot.WinogradWeights, ((long)Winograd.Positions * outputs * inputs) + RoundUp(outputs));
        Winograd.TransformWeights(weight, outputs, inputs, flipped, transformed);
        // The bias padded to whole registers, next to the weights.
        var paddedBias = transformed + ((long)Winograd.Positions * outputs * inputs);
        for (var k = 0; k < RoundUp(outputs); k++)
        {
            paddedBias[k] = bias != null && k < outputs ? bias[k] : 0f;
        }
        var plan = new Plan { Variant = variant, Geometry = g, Input = input, Weights = transformed, Bias = paddedBias, Output = output };
        Split(ref plan, threads);
    }

    /// <summary>
    /// ∂L/∂g for every filter of <paramref name="g"/>, the adjoint of the forward product: per tile,
    /// ∂L/∂U = (A dY Aᵀ) ⊙ V summed over tiles as 16 GEMMs Vᵀ P, then ∂L/∂g = Gᵀ (∂L/∂U) G.
    /// </summary>
    public static void WeightGradient(KernelVariant variant, ConvGeometry g, float* input, float* outputGradient, float* weightGradient, int threads)
    {
        var length = (long)Winograd.Positions * g.InChannels * g.OutChannels;
        var plan = new Plan { WeightGradient = true, Variant = variant, Geometry = g, Input = input, OutputGradient = outputGradient };
        plan.TransformedGradients = Scratch.Get(ScratchSlot.WinogradWeights, length * Math.Min(threads, g.Batch));
        var parts = Split(ref plan, threads);
        // Parts sum in a fixed order, so a thread count always gives the same gradient.
        for (var part = 1; part < parts; part++)
        {
            var partial = plan.TransformedGradients + (part * length);
            for (long i = 0; i < length; i++)
            {
                plan.TransformedGradients[i] += partial[i];
            }
        }
        Winograd.GradientToWeights(plan.TransformedGradients, g.OutChannels, g.InChannels, weightGradient);
    }

    /// <summary>Runs the plan over parts of the batch, one per thread; a batch smaller than the thread count threads the GEMMs instead.</summary>
    private static int Split(ref Plan plan, int threads)
    {
        var batch = plan.Geometry.Batch;
        var parts = Math.Min(threads, batch);
        plan.ImagesPerPart = (batch + parts - 1) / parts;
        plan.GemmThreads = parts < threads ? threads : 1;
        parts = (batch + plan.ImagesPerPart - 1) / plan.ImagesPerPart;
        WorkerPool.Run(parts, &RunPart, Unsafe.AsPointer(ref plan));
        return parts;
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<Plan>(state);
        var g = plan.Geometry;
        var first = part * plan.ImagesPerPart;
        var last = Math.Min(g.Batch, first + plan.ImagesPerPart);
        var tiles = new TileGrid(g);
        var chunk = Math.Clamp(ChunkTiles / tiles.PerImage, 1, last - first);
        var (inputs, outputs) = (RoundUp(g.InChannels), RoundUp(g.OutChannels));
        var inPlane = (long)g.InHeight * g.InWidth;
        var outPlane = (long)g.OutHeight * g.OutWidth;
        var positionInputs = (long)chunk * tiles.PerImage * inputs;
        var positionOutputs = (long)chunk * tiles.PerImage * outputs;
        var transformedInput = Scratch.Get(ScratchSlot.WinogradInput, Winograd.Positions * positionInputs);
        var products = Scratch.Get(ScratchSlot.WinogradProducts, Winograd.Positions * positionOutputs);
        // A channels-last input image with zero padding channels, one zero pixel (read by windows
        // outside either image), then a channels-last output (or output-gradient) image.
        var zeroPixel = Math.Max(inputs, outputs);
        var image = Scratch.Get(ScratchSlot.WinogradImage, (inPlane * inputs) + zeroPixel + (outPlane * outputs));
        var zeros = image + (inPlane * inputs);
        var outputImage = zeros + zeroPixel;
        new Span<float>(image, checked((int)((inPlane * inputs) + zeroPixel))).Clear();
        for (var n = first; n < last; n += chunk)
        {
            var count = Math.Min(chunk, last - n);
            for (var i = 0; i < count; i++)
            {
                MatrixTranspose.Run(plan.Input + ((n + i) * g.InChannels * inPlane), (nint)inPlane, g.InChannels, (int)inPlane, image, inputs);
                TransformInput(g, tiles, image, zeros, inputs, transformedInput + ((long)i * tiles.PerImage * inputs), positionInputs);
            }
            var rows = count * tiles.PerImage;
            if (plan.WeightGradient)
            {
                for (var i = 0; i < count; i++)
                {
                    MatrixTranspose.Run(plan.OutputGradient + ((n + i) * g.OutChannels * outPlane), (nint)outPlane, g.OutChannels, (int)outPlane, outputImage, outputs);
                    TransformOutputGradient(g, tiles, outputImage, zeros, outputs, products + ((long)i * tiles.PerImage * outputs), positionOutputs);
                }
                var sums = plan.TransformedGradients + ((long)part * Winograd.Positions * g.InChannels * g.OutChannels);
                for (var position = 0; position < Winograd.Positions; position++)
                {
                    var v = transformedInput + (position * positionInputs);
                    var p = products + (position * positionOutputs);
                    var du = sums + ((long)position * g.InChannels * g.OutChannels);
                    Gemm.Run(plan.Variant, GemmArguments.Create(MatrixOp.Transpose, MatrixOp.Identity, g.InChannels, g.OutChannels, rows, 1f, v, inputs, p, outputs, n == first ? 0f : 1f, du, g.OutChannels), plan.GemmThreads);
                }
                continue;
            }
            for (var position = 0; position < Winograd.Positions; position++)
            {
                var v = transformedInput + (position * positionInputs);
                var u = plan.Weights + ((long)position * g.InChannels * g.OutChannels);
                var m = products + (position * positionOutputs);
                Gemm.Run(plan.Variant, GemmArguments.Create(MatrixOp.Identity, MatrixOp.Identity, rows, g.OutChannels, g.InChannels, 1f, v, inputs, u, g.OutChannels, 0f, m, outputs), plan.GemmThreads);
            }
            for (var i = 0; i < count; i++)
            {
                TransformOutput(g, tiles, products + ((long)i * tiles.PerImage * outputs), positionOutputs, plan.Bias, outputs, outputImage);
                MatrixTranspose.Run(outputImage, outputs, (int)outPlane, g.OutChannels, plan.Output + ((n + i) * g.OutChannels * outPlane), (nint)outPlane);
            }
        }
    }

    /// <summary>
    /// V = Bᵀ d B for every tile of one channels-last image: tile t's channels land in row t of each
    /// position's matrix (<paramref name="positionStride"/> apart). Windows reaching outside the image read zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformInput(ConvGeometry g, in TileGrid tiles, float* image, float* zeros, int channels, float* target, long positionStride)
    {
        var window = stackalloc float*[16];
        var r = stackalloc TVector[16];
        for (var ti = 0; ti < tiles.Rows; ti++)
        {
            for (var tj = 0; tj < tiles.Columns; tj++)
            {
                for (var y = 0; y < 4; y++)
                {
                    var sy = (2 * ti) + y - g.PadTop;
                    for (var x = 0; x < 4; x++)
                    {
                        var sx = (2 * tj) + x - g.PadLeft;
                        var inside = (uint)sy < (uint)g.InHeight && (uint)sx < (uint)g.InWidth;
                        window[(4 * y) + x] = inside ? image + ((((long)sy * g.InWidth) + sx) * channels) : zeros;
                    }
                }
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
        public bool WeightGradient;
        public KernelVariant Variant;
        public ConvGeometry Geometry;
        public float* Input;
        public float* Weights;
        public float* Bias;
        public float* Output;
        public float* OutputGradient;

        /// <summary>Per part, 16 matrices ∂L/∂U[ξ] (inputs × outputs) summed over that part's tiles.</summary>
        public float* TransformedGradients;
        public int ImagesPerPart;
        public int GemmThreads;
    }

    /// <summary>The 2×2 output tiles covering one output plane.</summary>
    private readonly struct TileGrid(ConvGeometry g)
    {
        public int Rows { get; } = (g.OutHeight + 1) / 2;

        public int Columns { get; } = (g.OutWidth + 1) / 2;

        public int PerImage => Rows * Columns;
    }
}
