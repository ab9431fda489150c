using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Shears.Engine.Kernels;

/// <summary>
/// Out-of-place transpose of a row-major float matrix between arbitrary strides, as 4×4 register
/// transposes where SSE exists (four rows by four columns per round instead of sixteen scalar
/// moves). Columns advance in runs whose target block stays in L1 while every group of source
/// rows visits it, and each source row is read in long sequential stretches the prefetcher follows. Pure data movement: exact on every kernel variant.
/// </summary>
internal static unsafe class MatrixTranspose
{
    /// <summary>Target floats written per run of columns: a quarter of L1, so they stay there while every group of source rows visits.</summary>
    private const int TargetBlockFloats = 4096;

    /// <summary>Shortest run of columns, so each source row is read in whole cache lines.</summary>
    private const int MinColumnRun = 32;

    /// <summary><c>target[j * targetStride + i] = source[i * sourceStride + j]</c> for every i below <paramref name="rows"/> and j below <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* source, nint sourceStride, int rows, int columns, float* target, nint targetStride)
    {
        var quadRows = Sse.IsSupported ? rows & ~3 : 0;
        var run = Math.Max(MinColumnRun, (TargetBlockFloats / Math.Max(1, rows)) & ~3);
        for (var start = 0; start < columns; start += run)
        {
            var end = Math.Min(columns, start + run);
            var quadEnd = start + ((end - start) & ~3);
            for (var i = 0; i < quadRows; i += 4)
            {
                var from = source + (i * sourceStride);
                var j = start;
                for (; j < quadEnd; j += 4)
                {
                    var r0 = Sse.LoadVector128(from + j);
                    var r1 = Sse.LoadVector128(from + sourceStride + j);
                    var r2 = Sse.LoadVector128(from + (2 * sourceStride) + j);
                    var r3 = Sse.LoadVector128(from + (3 * sourceStride) + j);
                    var t0 = Sse.UnpackLow(r0, r1);
                    var t1 = Sse.UnpackLow(r2, r3);
                    var t2 = Sse.UnpackHigh(r0, r1);
                    var t3 = Sse.UnpackHigh(r2, r3);
                    var to = target + (j * targetStride) + i;
                    Sse.Store(to, Sse.MoveLowToHigh(t0, t1));
                    Sse.Store(to + targetStride, Sse.MoveHighToLow(t1, t0));
                    Sse.Store(to + (2 * targetStride), Sse.MoveLowToHigh(t2, t3));
                    Sse.Store(to + (3 * targetStride), Sse.MoveHighToLow(t3, t2));
                }
                for (; j < end; j++)
                {
                    var to = target + (j * targetStride) + i;
                    to[0] = from[j];
                    to[1] = from[sourceStride + j];
                    to[2] = from[(2 * sourceStride) + j];
                    to[3] = from[(3 * sourceStride) + j];
                }
            }
        }
        for (var i = quadRows; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                target[(j * targetStride) + i] = source[(i * sourceStride) + j];
            }
        }
    }
}
