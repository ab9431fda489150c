using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Shears.Engine.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernel
/// streams through: A as TileRows values per depth step, B as two registers of columns per depth step.
/// Padding with zeros lets edge tiles run the full kernel. Whether a panel's values for one depth
/// step lie contiguous in memory or one per stored row depends on the transpose, so both
/// operands reduce to the same two copy loops.
/// </summary>
internal static unsafe class GemmPacking<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>Packs op(A)[row .. row + rows, depth .. depth + depths] into panels of TileRows rows.</summary>
    public static void PackA(in GemmArguments g, int row, int rows, int depth, int depths, float* destination)
    {
        var height = TOps.TileRows;
        for (var panel = 0; panel < rows; panel += height)
        {
            var filled = Math.Min(height, rows - panel);
            var source = g.AAt(row + panel, depth);
            var target = destination + (panel * depths);
            if (g.TransposeA)
            {
                PackContiguousSteps(source, g.Lda, filled, depths, height, target);
            }
            else
            {
                PackContiguousLines(source, g.Lda, filled, depths, height, target);
            }
        }
    }

    /// <summary>Packs op(B)[depth .. depth + depths, column .. column + columns] into panels of two registers of columns.</summary>
    public static void PackB(in GemmArguments g, int depth, int depths, int column, int columns, float* destination)
    {
        var width = 2 * TOps.Width;
        for (var panel = 0; panel < columns; panel += width)
        {
            var filled = Math.Min(width, columns - panel);
            var source = g.BAt(depth, column + panel);
            var target = destination + (panel * depths);
            if (g.TransposeB)
            {
                PackContiguousLines(source, g.Ldb, filled, depths, width, target);
            }
            else
            {
                PackContiguousSteps(source, g.Ldb, filled, depths, width, target);
            }
        }
    }

    /// <summary>
    /// Packs all of op(B) the way <see cref="PackedGemm{TOps, TVector}"/> walks it: per depth block
    /// of <see cref="GemmBlocking.DepthStep"/>, the panels of every column, block d at
    /// <c>destination + d·width</c> with <paramref name="width"/> the column count rounded up to whole panels.
    /// </summary>
    public static void PackAllB(in GemmArguments g, int width, float* destination)
    {
        var step = GemmBlocking.DepthStep(g.K);
        for (var depth = 0; depth < g.K; depth += step)
        {
            PackB(g, depth, Math.Min(step, g.K - depth), 0, g.N, destination + ((long)depth * width));
        }
    }

    /// <summary>
    /// The panel's values for depth step p are <paramref name="filled"/> consecutive floats at
    /// <c>source + p * stepStride</c>; copies them to <c>target + p * width</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackContiguousSteps(float* source, nint stepStride, int filled, int depths, int width, float* target)
    {
        if (filled == width && width == 2 * TOps.Width)
        {
            for (var p = 0; p < depths; p++, source += stepStride, target += width)
            {
                TOps.Store(target, TOps.Load(source));
                TOps.Store(target + TOps.Width, TOps.Load(source + TOps.Width));
            }
            return;
        }
        if (filled == width && width % 4 == 0)
        {
            // A panels (12 rows on AVX-512) as whole 16-byte moves.
            for (var p = 0; p < depths; p++, source += stepStride, target += width)
            {
                for (var j = 0; j < width; j += 4)
                {
                    Vector128.Store(Vector128.Load(source + j), target + j);
                }
            }
            return;
        }
        for (var p = 0; p < depths; p++, source += stepStride, target += width)
        {
            var j = 0;
            for (; j < filled; j++)
            {
                target[j] = source[j];
            }
            for (; j < width; j++)
            {
                target[j] = 0f;
            }
        }
    }

    /// <summary>
    /// Line l of the panel (a row of A, or a column of op(B)) runs along the depth contiguously at
    /// <c>source + l * lineStride</c>; interleaves the lines into <paramref name="width"/> values per step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackContiguousLines(float* source, nint lineStride, int filled, int depths, int width, float* target)
    {
        if (TOps.Width >= 4 && filled == width)
        {
            // A dot-product shaped GEMM (weight gradients: both operands contiguous along the depth)
            // packs this way on both sides.
            MatrixTranspose.Run(source, lineStride, width, depths, target, width);
            return;
        }
        for (var line = 0; line < filled; line++)
        {
            var from = source + (line * lineStride);
            for (var p = 0; p < depths; p++)
            {
                target[(p * width) + line] = from[p];
            }
        }
        for (var line = filled; line < width; line++)
        {
            for (var p = 0; p < depths; p++)
            {
                target[(p * width) + line] = 0f;
            }
        }
    }
}
