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
        var (oh, ow) = (g.OutHeight, g.OutWidth);
        var row = columns;
        for (var c = 0; c < g.InChannelsPerGroup; c++)
        {
            var plane = image + ((long)c * g.InHeight * g.InWidth);
            for (var r = 0; r < g.KernelHeight; r++)
            {
                for (var s = 0; s < g.KernelWidth; s++, row += rowStride)
                {
                    var offset = (s * g.DilationWidth) - g.PadLeft;
                    var (start, end) = ConvRange.Valid(ow, g.StrideWidth, offset, g.InWidth);
                    for (var y = 0; y < oh; y++)
                    {
                        var columnRow = row + (y * ow);
                        var ih = (y * g.StrideHeight) - g.PadTop + (r * g.DilationHeight);
                        var inside = ih >= 0 && ih < g.InHeight;
                        var imageRow = plane + (ih * g.InWidth) + offset;
                        if (fold)
                        {
                            for (var x = inside ? start : end; x < end; x++)
                            {
                                imageRow[x * g.StrideWidth] += columnRow[x];
                            }
                        }
                        else if (!inside)
                        {
                            new Span<float>(columnRow, ow).Clear();
                        }
                        else
                        {
                            Gather(imageRow, g.StrideWidth, columnRow, start, end, ow);
                        }
                    }
                }
            }
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
