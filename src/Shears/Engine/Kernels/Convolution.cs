namespace Shears.Engine.Kernels;

/// <summary>
/// 2-D convolution over NCHW float32 tensors (layouts in <see cref="ConvGeometry"/>), forward and
/// the two backward products autograd needs. General convolutions unfold image groups with im2col
/// (several small images side by side) and multiply with <see cref="Gemm"/>; a 1 x 1 unit-stride
/// convolution over a large enough image multiplies the input where it lies; depthwise
/// convolutions use a direct vectorised kernel. Every method overwrites its result tensor.
/// Threads split the batch (or, for depthwise, the channels); a batch smaller than the thread
/// count threads each GEMM instead. Each call runs as its <see cref="EngineOptions"/> say (variant,
/// threads, Winograd), so calls with different options may run at the same time.
/// </summary>
public static unsafe class Convolution
{
    /// <summary>Output size along one axis; see <see cref="ConvGeometry.OutputSize"/>.</summary>
    public static int OutputSize(int input, int kernel, int stride = 1, int dilation = 1, int padBefore = 0, int padAfter = 0) =>
        ConvGeometry.OutputSize(input, kernel, stride, dilation, padBefore, padAfter);

    /// <summary>Whether this geometry's passes run as Winograd F(2×2, 3×3) under these options (else im2col + GEMM, or the depthwise kernel).</summary>
    public static bool UsesWinograd(ConvGeometry geometry, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(geometry);
        return options.Winograd && Winograd.Fits(geometry);
    }

    /// <summary><c>output = conv(input, weight) + bias</c>; pass an empty <paramref name="bias"/> for none.</summary>
    public static void Forward(ConvGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output, EngineOptions options)
    {
        Validate(geometry);
        CheckLengths(geometry, (nameof(input), input.Length, geometry.InputLength), (nameof(weight), weight.Length, geometry.WeightLength), (nameof(output), output.Length, geometry.OutputLength));
        if (!bias.IsEmpty && bias.Length != geometry.OutChannels)
        {
            throw new ArgumentException($"bias holds {bias.Length} floats; expected none or {geometry.OutChannels}", nameof(bias));
        }
        fixed (float* x = input)
        fixed (float* w = weight)
        fixed (float* b = bias)
        fixed (float* y = output)
        {
            var tensors = new ConvTensors { Geometry = geometry, Input = x, Weight = w, Bias = bias.IsEmpty ? null : b, Output = y };
            Run(ConvPass.Forward, ref tensors, options);
        }
    }

    /// <summary>Gradient of the loss with respect to the input, given its gradient with respect to the output.</summary>
    public static void BackwardInput(ConvGeometry geometry, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> weight, Span<float> inputGradient, EngineOptions options)
    {
        Validate(geometry);
        CheckLengths(geometry, (nameof(outputGradient), outputGradient.Length, geometry.OutputLength), (nameof(weight), weight.Length, geometry.WeightLength), (nameof(inputGradient), inputGradient.Length, geometry.InputLength));
        fixed (float* dy = outputGradient)
        fixed (float* w = weight)
        fixed (float* dx = inputGradient)
        {
            var tensors = new ConvTensors { Geometry = geometry, OutputGradient = dy, Weight = w, InputGradient = dx };
            Run(ConvPass.BackwardInput, ref tensors, options);
        }
    }

    /// <summary>Gradient of the loss with respect to the weight, summed over the batch.</summary>
    public static void BackwardWeight(ConvGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> weightGradient, EngineOptions options)
    {
        Validate(geometry);
        CheckLengths(geometry, (nameof(input), input.Length, geometry.InputLength), (nameof(outputGradient), outputGradient.Length, geometry.OutputLength), (nameof(weightGradient), weightGradient.Length, geometry.WeightLength));
        fixed (float* x = input)
        fixed (float* dy = outputGradient)
        fixed (float* dw = weightGradient)
        {
            var tensors = new ConvTensors { Geometry = geometry, Input = x, OutputGradient = dy, WeightGradient = dw };
            Run(ConvPass.BackwardWeight, ref tensors, options);
        }
    }

    /// <summary>
    /// <see cref="BackwardInput"/> and <see cref="BackwardWeight"/> together: where the two share
    /// work (Winograd's transform of the output gradient) it is done once.
    /// </summary>
    public static void Backward(ConvGeometry geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> weight, Span<float> inputGradient, Span<float> weightGradient, EngineOptions options)
    {
        if (!UsesWinograd(geometry, options))
        {
            BackwardInput(geometry, outputGradient, weight, inputGradient, options);
            BackwardWeight(geometry, input, outputGradient, weightGradient, options);
            return;
        }
        CheckLengths(geometry, (nameof(input), input.Length, geometry.InputLength), (nameof(outputGradient), outputGradient.Length, geometry.OutputLength), (nameof(weight), weight.Length, geometry.WeightLength),
            (nameof(inputGradient), inputGradient.Length, geometry.InputLength), (nameof(weightGradient), weightGradient.Length, geometry.WeightLength));
        fixed (float* x = input)
        fixed (float* dy = outputGradient)
        fixed (float* w = weight)
        fixed (float* dx = inputGradient)
        fixed (float* dw = weightGradient)
        {
            var tensors = new ConvTensors { Geometry = geometry, Input = x, OutputGradient = dy, Weight = w, InputGradient = dx, WeightGradient = dw };
            Run(ConvPass.Backward, ref tensors, options);
        }
    }

    /// <summary>Gradient of the loss with respect to the bias: the output gradient summed over batch and positions.</summary>
    public static void BackwardBias(ConvGeometry geometry, ReadOnlySpan<float> outputGradient, Span<float> biasGradient, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(geometry);
        CheckLengths(geometry, (nameof(outputGradient), outputGradient.Length, geometry.OutputLength), (nameof(biasGradient), biasGradient.Length, geometry.OutChannels));
        var positions = geometry.OutHeight * geometry.OutWidth;
        fixed (float* dy = outputGradient)
        {
            var action = new BiasGradientAction { Gradient = dy, Batch = geometry.Batch, Channels = geometry.OutChannels, Positions = positions };
            fixed (float* db = biasGradient)
            {
                action.Result = db;
                VariantDispatch.Run(options.Kernels, ref action);
            }
        }
    }

    private static void Run(ConvPass pass, ref ConvTensors tensors, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var g = tensors.Geometry;
        tensors.Variant = options.Kernels;
        tensors.ReadRowMajorA = options.ReadRowMajorA;
        var multiplyAdds = g.OutputLength * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;
        var threads = GemmBlocking.ThreadsFor(multiplyAdds, options.EffectiveThreads);
        if (g.Batch == 0)
        {
            if (pass == ConvPass.BackwardWeight)
            {
                new Span<float>(tensors.WeightGradient, checked((int)g.WeightLength)).Clear();
            }
            return;
        }
        if (g.IsDepthwise)
        {
            var action = new DepthwiseAction { Pass = pass, Threads = threads, Tensors = tensors };
            VariantDispatch.Run(tensors.Variant, ref action);
            return;
        }
        if (options.Winograd && Winograd.Fits(g))
        {
            var winograd = new WinogradAction { Pass = pass, Threads = threads, Tensors = tensors };
            VariantDispatch.Run(tensors.Variant, ref winograd);
            return;
        }
        ImageGemmConvolution.Run(pass, ref tensors, threads);
    }

    /// <summary>Called before anything reads derived sizes, which are meaningless for an invalid geometry.</summary>
    private static void Validate(ConvGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Validate();
    }

    private static void CheckLengths(ConvGeometry geometry, params ReadOnlySpan<(string Name, int Length, long Needed)> tensors)
    {
        foreach (var (name, length, needed) in tensors)
        {
            if (length != needed)
            {
                throw new ArgumentException($"{name} holds {length} floats; {geometry} needs {needed}", name);
            }
        }
    }

    private struct DepthwiseAction : IVariantAction
    {
        public ConvPass Pass;
        public int Threads;
        public ConvTensors Tensors;

        public void Run<TOps, TVector>()
            where TOps : unmanaged, ISimdOps<TVector>
            where TVector : unmanaged =>
            DepthwiseConvolution<TOps, TVector>.Run(Pass, ref Tensors, Threads);
    }

    private struct WinogradAction : IVariantAction
    {
        public ConvPass Pass;
        public int Threads;
        public ConvTensors Tensors;

        public readonly void Run<TOps, TVector>()
            where TOps : unmanaged, ISimdOps<TVector>
            where TVector : unmanaged =>
            WinogradConvolution<TOps, TVector>.Run(Pass, Tensors, Threads);
    }

    private struct BiasGradientAction : IVariantAction
    {
        public float* Gradient;
        public float* Result;
        public int Batch;
        public int Channels;
        public int Positions;

        public readonly void Run<TOps, TVector>()
            where TOps : unmanaged, ISimdOps<TVector>
            where TVector : unmanaged
        {
            for (var k = 0; k < Channels; k++)
            {
                var sum = 0f;
                for (var n = 0; n < Batch; n++)
                {
                    sum += VectorLoops<TOps, TVector>.Sum(Gradient + ((((long)n * Channels) + k) * Positions), Positions);
                }
                Result[k] = sum;
            }
        }
    }
}
