using System.Runtime.Intrinsics;

namespace Shears.Engine.Kernels;

/// <summary>
/// Unfolds one image group into the column matrix the convolution GEMM multiplies, and folds
/// column gradients back. Row <c>(c * R + r) * S + s</c> of the matrix holds, for every output
/// position, the input value kernel tap (r, s) of channel c sees there (zero in the padding).
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>
    /// Writes the (Cg·R·S) x (OH·OW) column matrix of <paramref name="image"/> (Cg x H x W), its
    /// rows <paramref name="rowStride"/> floats apart (wider than OH·OW when several images share the matrix).
    /// </summary>
    public static void Unfold(ConvGeometry g, float* image, float* columns, nint rowStride) => Walk(g, image, columns, rowStride, fold: false);

    /// <summary>Adds every entry of the column matrix back onto the input position it came from (the adjoint of <see cref="Unfold"/>).</summary>
    public static void FoldAdd(ConvGeometry g, float* columns, nint rowStride, float* image) => Walk(g, image, columns, rowStride, fold: true);

    private static void Walk(ConvGeometry g, float* image, float* columns, nint rowStride, bool fold)
    {
        // Geometry in locals: the pointer stores below could alias the geometry object as far as the
        // JIT knows, so field reads inside the loops would be repeated on every element.
        var (oh, ow) = (g.OutHeight, g.OutWidth);
        var (inHeight, inWidth) = (g.InHeight, g.InWidth);
        var (strideHeight, strideWidth) = (g.StrideHeight, g.StrideWidth);
        var (dilationHeight, dilationWidth) = (g.DilationHeight, g.DilationWidth);
        var (padTop, padLeft) = (g.PadTop, g.PadLeft);
        var (kernelHeight, kernelWidth) = (g.KernelHeight, g.KernelWidth);
        var row = columns;
        for (var c = 0; c < g.InChannelsPerGroup; c++)
        {
            var plane = image + ((long)c * inHeight * inWidth);
            for (var r = 0; r < kernelHeight; r++)
            {
                for (var s = 0; s < kernelWidth; s++, row += rowStride)
                {
                    var offset = (s * dilationWidth) - padLeft;
                    var (start, end) = ConvRange.Valid(ow, strideWidth, offset, inWidth);
                    for (var y = 0; y < oh; y++)
                    {
                        var columnRow = row + (y * ow);
                        var ih = (y * strideHeight) - padTop + (r * dilationHeight);
                        var inside = ih >= 0 && ih < inHeight;
                        var imageRow = plane + (ih * inWidth) + offset;
                        if (fold)
                        {
                            if (inside)
                            {
                                Scatter(columnRow, imageRow, strideWidth, start, end);
                            }
                        }
                        else if (!inside)
                        {
                            new Span<float>(columnRow, ow).Clear();
                        }
                        else
                        {
                            Gather(imageRow, strideWidth, columnRow, start, end, ow);
                        }
                    }
                }
            }
        }
    }

    /// <summary>target[x * stride] += source[x] for x in [start, end).</summary>
    private static void Scatter(float* source, float* target, int stride, int start, int end)
    {
        var x = start;
        if (stride == 1)
        {
            for (; x + 8 <= end && Vector256.IsHardwareAccelerated; x += 8)
            {
                (Vector256.Load(target + x) + Vector256.Load(source + x)).Store(target + x);
            }
            for (; x < end; x++)
            {
                target[x] += source[x];
            }
            return;
        }
        for (; x < end; x++)
        {
            target[x * stride] += source[x];
        }
    }

    /// <summary>target[x] = source[x * stride] for x in [start, end), zero elsewhere in [0, count).</summary>
    /// <remarks>Rows are short (often a dozen floats), so plain loops beat span helpers' call overhead.</remarks>
    private static void Gather(float* source, int stride, float* target, int start, int end, int count)
    {
        var x = 0;
        for (; x < start; x++)
        {
            target[x] = 0f;
        }
        if (stride == 1)
        {
            for (; x + 8 <= end && Vector256.IsHardwareAccelerated; x += 8)
            {
                Vector256.Load(source + x).Store(target + x);
            }
            for (; x < end; x++)
            {
                target[x] = source[x];
            }
        }
        else
        {
            for (; x < end; x++)
            {
                target[x] = source[x * stride];
            }
        }
        for (; x < count; x++)
        {
            target[x] = 0f;
        }
    }
}
