using System.Numerics.Tensors;
using Shears.Engine.Kernels;

namespace Shears.Engine.Ops;

/// <summary>
/// Conv and ConvTranspose over 1-D and 2-D NCHW images (1-D as height 1) on the SIMD convolution
/// kernels. A transposed convolution is the input gradient of the convolution whose weight it
/// holds, so it runs on the same backward product.
/// </summary>
internal sealed class ConvExecutor : OpExecutor
{
    private readonly ConvGeometry _geometry;
    private readonly bool _transposed;
    private float[] _scratch = [];
    private float[] _weightScratch = [];

    public ConvExecutor(OpExecutorContext context, bool transposed)
        : base(context)
    {
        InputChecks.RequireFloats(context);
        _transposed = transposed;
        var x = In(0).Shape;
        var w = In(1).Shape;
        if (x.Length is not (3 or 4))
        {
            throw context.Fail($"the engine convolves 1-D and 2-D images; this input has {x.Length - 2} spatial dimensions");
        }
        Outputs[0] = context.NewOutput(0);
        var y = Outputs[0].Shape;
        var node = context.Node;
        var twoD = x.Length == 4;
        var group = (int)node.GetInt("group", 1);
        var strides = Pair(node.GetInts("strides"), twoD, 1);
        var dilations = Pair(node.GetInts("dilations"), twoD, 1);
        var kernelH = twoD ? w[2] : 1;
        var kernelW = twoD ? w[3] : w[2];
        // Transposed: the geometry is that of the forward convolution from the output back to the input.
        var (image, result) = transposed ? (y, x) : (x, y);
        var (padTop, padLeft, padBottom, padRight) = Padding(node, image, result, kernelH, kernelW, strides, dilations, twoD, transposed);
        _geometry = new ConvGeometry(image[0], image[1], twoD ? image[2] : 1, twoD ? image[3] : image[2], result[1], kernelH, kernelW)
        {
            StrideHeight = strides.H,
            StrideWidth = strides.W,
            DilationHeight = dilations.H,
            DilationWidth = dilations.W,
            PadTop = padTop,
            PadLeft = padLeft,
            PadBottom = padBottom,
            PadRight = padRight,
            Groups = group,
        };
        try
        {
            _geometry.Validate();
        }
        catch (ArgumentException e)
        {
            // Attributes from the model (negative pads, zero strides) are bad input, found before any run.
            throw context.Fail(e.Message);
        }
        if (_geometry.OutHeight != (twoD ? result[2] : 1) || _geometry.OutWidth != (twoD ? result[3] : result[2]))
        {
            throw context.Fail($"convolution geometry {_geometry} does not give the inferred shape [{string.Join("×", Outputs[0].Shape)}]");
        }
    }

    public override bool HasBackward => true;

    private EngineTensor? Bias => Inputs.Length > 2 ? Inputs[2] : null;

    public override void Forward()
    {
        var x = In(0).Floats.AsSpan(0, In(0).Length);
        var w = In(1).Floats.AsSpan(0, In(1).Length);
        var y = Outputs[0].Floats.AsSpan(0, Outputs[0].Length);
        if (!_transposed)
        {
            Convolution.Forward(_geometry, x, w, Bias is { } b ? b.Floats.AsSpan(0, b.Length) : [], y, Options);
            return;
        }
        Convolution.BackwardInput(_geometry, x, w, y, Options);
        if (Bias is { } bias)
        {
            AddPerChannel(y, bias.Floats, Outputs[0].Shape);
        }
    }

    public override void Backward()
    {
        if (OutputGrads[0] is not { } dyTensor)
        {
            return;
        }
        var dy = dyTensor.Floats.AsSpan(0, dyTensor.Length);
        var x = In(0).Floats.AsSpan(0, In(0).Length);
        var w = In(1).Floats.AsSpan(0, In(1).Length);
        var (dx, dw) = (InputGrads[0], InputGrads[1]);
        // The kernels overwrite their result; gradients must add, so they go through scratch unless
        // nothing else writes the input's gradient.
        var dxTarget = dx is null ? default : SoleGradientWriter[0] ? dx.Span : Scratch(dx.Length);
        var dwTarget = dw is null ? default : WeightScratch(dw.Length);
        if (!_transposed && dx is not null && dw is not null)
        {
            // One pass for both gradients.
            Convolution.Backward(_geometry, x, dy, w, dxTarget, dwTarget, Options);
        }
        else
        {
            if (dx is not null)
            {
                if (_transposed)
                {
                    Convolution.Forward(_geometry, dy, w, [], dxTarget, Options);
                }
                else
                {
                    Convolution.BackwardInput(_geometry, dy, w, dxTarget, Options);
                }
            }
            if (dw is not null)
            {
                if (_transposed)
                {
                    Convolution.BackwardWeight(_geometry, dy, x, dwTarget, Options);
                }
                else
                {
                    Convolution.BackwardWeight(_geometry, x, dy, dwTarget, Options);
                }
            }
        }
        if (dx is not null && !SoleGradientWriter[0])
        {
            TensorPrimitives.Add(dx.Span, dxTarget, dx.Span);
        }
        if (dw is not null)
        {
            TensorPrimitives.Add(dw.Span, dwTarget, dw.Span);
        }
        if (Inputs.Length > 2 && InputGrads[2] is { } db)
        {
            Reduction.SumInto(dyTensor.Floats, dyTensor.Shape, db.View([1, db.Length, .. Enumerable.Repeat(1, dyTensor.Rank - 2)]));
        }
    }

    public override bool WritesWholeInputGradient(int input) => input == 0;

    private Span<float> WeightScratch(int length)
    {
        if (_weightScratch.Length < length)
        {
            _weightScratch = new float[length];
        }
        return _weightScratch.AsSpan(0, length);
    }

    private Span<float> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new float[length];
        }
        return _scratch.AsSpan(0, length);
    }

    private static void AddPerChannel(Span<float> y, float[] bias, int[] shape)
    {
        var channels = shape[1];
        var plane = y.Length / (shape[0] * channels);
        for (var n = 0; n < shape[0]; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var slice = y.Slice(((n * channels) + c) * plane, plane);
                TensorPrimitives.Add(slice, bias[c], slice);
            }
        }
    }

    private static (int H, int W) Pair(long[]? values, bool twoD, int fallback) =>
        values is null ? (fallback, fallback) : twoD ? ((int)values[0], (int)values[1]) : (1, (int)values[0]);

    /// <summary>Explicit pads for the forward convolution image → result, resolving auto_pad and, when transposed, output padding.</summary>
    private static (int Top, int Left, int Bottom, int Right) Padding(IR.Node node, int[] image, int[] result, int kernelH, int kernelW,
        (int H, int W) strides, (int H, int W) dilations, bool twoD, bool transposed)
    {
        var spatial = twoD ? 2 : 1;
        var pads = node.GetInts("pads") ?? new long[2 * spatial];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        var imageSizes = twoD ? new[] { image[2], image[3] } : [image[2]];
        var resultSizes = twoD ? new[] { result[2], result[3] } : [result[2]];
        var kernels = twoD ? new[] { kernelH, kernelW } : [kernelW];
        var strideList = twoD ? new[] { strides.H, strides.W } : [strides.W];
        var dilationList = twoD ? new[] { dilations.H, dilations.W } : [dilations.W];
        var begin = new int[spatial];
        var end = new int[spatial];
        for (var i = 0; i < spatial; i++)
        {
            var effective = ((kernels[i] - 1) * dilationList[i]) + 1;
            // Total padding the forward convolution needs to map the image onto the result exactly.
            var total = ((resultSizes[i] - 1) * strideList[i]) + effective - imageSizes[i];
            if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                var half = Math.Max(0, total) / 2;
                var (small, large) = (half, Math.Max(0, total) - half);
                (begin[i], end[i]) = autoPad == "SAME_UPPER" ^ transposed ? (small, large) : (large, small);
            }
            else if (autoPad == "VALID")
            {
                (begin[i], end[i]) = (0, Math.Max(0, total));
            }
            else
            {
                begin[i] = (int)pads[i];
                // Transposed convolutions' output padding lands at the end; it shows up as extra forward padding there.
                end[i] = transposed ? total - begin[i] : (int)pads[i + spatial];
            }
        }
        return twoD ? (begin[0], begin[1], end[0], end[1]) : (0, begin[0], 0, end[0]);
    }
}
