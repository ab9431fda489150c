using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// The general GEMM path: pack blocks of op(A) and op(B) into scratch panels, then sweep the
/// micro-kernel over them. Threads split C into a grid of rectangles, each computed independently
/// with its own scratch, so there is no synchronisation inside the product.
/// </summary>
internal static unsafe class PackedGemm<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    private static int TileRows => TOps.TileRows;

    private static int TileColumns => 2 * TOps.Width;

    public static void Run(in GemmArguments g, int threads)
    {
        var rowTiles = (g.M + TileRows - 1) / TileRows;
        var columnTiles = (g.N + TileColumns - 1) / TileColumns;
        threads = Math.Min(threads, rowTiles * columnTiles);
        if (threads <= 1)
        {
            RunBlocked(g);
            return;
        }
        var plan = new ParallelPlan { Arguments = g };
        ChooseGrid(threads, rowTiles, columnTiles, out plan.RowParts, out plan.ColumnParts);
        plan.RowsPerPart = (rowTiles + plan.RowParts - 1) / plan.RowParts * TileRows;
        plan.ColumnsPerPart = (columnTiles + plan.ColumnParts - 1) / plan.ColumnParts * TileColumns;
        WorkerPool.Run(plan.RowParts * plan.ColumnParts, &RunPart, &plan);
    }

    /// <summary>Single-threaded blocked product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunBlocked(in GemmArguments g)
    {
        var packedBlockRows = Math.Min(GemmBlocking.Rows, RoundUp(g.M, TileRows));
        var packedBlockColumns = Math.Min(GemmBlocking.Columns, RoundUp(g.N, TileColumns));
        var depthStep = GemmBlocking.DepthStep(g.K);
        var packedDepth = Math.Min(depthStep, g.K);
        var packedA = Scratch.Get(ScratchSlot.PackedA, (long)packedBlockRows * packedDepth);
        var packedB = Scratch.Get(ScratchSlot.PackedB, (long)packedBlockColumns * packedDepth);
        var edgeTile = stackalloc float[TileRows * TileColumns];
        var rowMajorA = !g.TransposeA && g.ReadRowMajorA && GemmBlocking.RowsSpreadOverCacheSets(g.Lda);
        for (var column = 0; column < g.N; column += GemmBlocking.Columns)
        {
            var columns = Math.Min(GemmBlocking.Columns, g.N - column);
            for (var depth = 0; depth < g.K; depth += depthStep)
            {
                var depths = Math.Min(depthStep, g.K - depth);
                // Later depth blocks add onto what the first one wrote.
                var beta = depth == 0 ? g.Beta : 1f;
                var panels = packedB;
                if (g.PackedB != null)
                {
                    panels = g.PackedB + ((long)depth * g.PackedBWidth) + ((long)(g.PackedBColumn + column) * depths);
                }
                else
                {
                    GemmPacking<TOps, TVector>.PackB(g, depth, depths, column, columns, packedB);
                }
                for (var row = 0; row < g.M; row += GemmBlocking.Rows)
                {
                    var rows = Math.Min(GemmBlocking.Rows, g.M - row);
                    // A whose rows run along the depth is read where it lies; only a partial last tile of rows is packed (zero-padded).
                    var fullRows = rowMajorA ? rows / TileRows * TileRows : 0;
                    GemmPacking<TOps, TVector>.PackA(g, row + fullRows, rows - fullRows, depth, depths, packedA + ((long)fullRows * depths));
                    var c = g.C + (row * g.Ldc) + column;
                    var a = new ATiles { Packed = packedA, RowMajor = rowMajorA ? g.AAt(row, depth) : null, Lda = g.Lda, FullRows = fullRows };
                    SweepBlock(rows, columns, depths, a, panels, c, g.Ldc, g.Alpha, beta, edgeTile, clamp: g.Relu && depth + depths >= g.K);
                }
            }
        }
    }

    private static void SweepBlock(int rows, int columns, int depths, in ATiles tiles, float* packedB, float* c, nint ldc, float alpha, float beta, float* edgeTile, bool clamp)
    {
        for (var j = 0; j < columns; j += TileColumns)
        {
            var tileColumns = Math.Min(TileColumns, columns - j);
            var b = packedB + (j * depths);
            for (var i = 0; i < rows; i += TileRows)
            {
                var tileRows = Math.Min(TileRows, rows - i);
                var a = tiles.Packed + (i * depths);
                var target = c + (i * ldc) + j;
                if (i < tiles.FullRows)
                {
                    // Row-major A, a full tile of rows.
                    var rowMajor = tiles.RowMajor + (i * tiles.Lda);
                    if (tileColumns == TileColumns)
                    {
                        GemmMicroKernel<TOps, TVector>.RunRowMajorA(depths, rowMajor, tiles.Lda, b, TileColumns, target, ldc, alpha, beta);
                    }
                    else
                    {
                        GemmMicroKernel<TOps, TVector>.RunRowMajorA(depths, rowMajor, tiles.Lda, b, TileColumns, edgeTile, TileColumns, 1f, 0f);
                        MergeTile(edgeTile, TileColumns, tileRows, tileColumns, target, ldc, alpha, beta);
                    }
                }
                else if (tileRows == TileRows && tileColumns == TileColumns)
                {
                    GemmMicroKernel<TOps, TVector>.Run(depths, a, b, TileColumns, target, ldc, alpha, beta);
                }
                else if (TileRows == 12 && tileRows <= 6)
                {
                    if (tileRows == 6 && tileColumns == TileColumns)
                    {
                        GemmMicroKernel<TOps, TVector>.RunSixRows(depths, a, TileRows, b, TileColumns, target, ldc, alpha, beta);
                    }
                    else
                    {
                        GemmMicroKernel<TOps, TVector>.RunSixRows(depths, a, TileRows, b, TileColumns, edgeTile, TileColumns, 1f, 0f);
                        MergeTile(edgeTile, TileColumns, tileRows, tileColumns, target, ldc, alpha, beta);
                    }
                }
                else
                {
                    GemmMicroKernel<TOps, TVector>.Run(depths, a, b, TileColumns, edgeTile, TileColumns, 1f, 0f);
                    MergeTile(edgeTile, TileColumns, tileRows, tileColumns, target, ldc, alpha, beta);
                }
                if (clamp)
                {
                    ClampTile(target, ldc, tileRows, tileColumns);
                }
            }
        }
    }

    /// <summary>max(0, c) over a finished tile of C, still in L1.</summary>
    private static void ClampTile(float* c, nint ldc, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = new Span<float>(c + (r * ldc), columns);
            TensorPrimitives.Max(row, 0f, row);
        }
    }

    /// <summary>
    /// <c>c = alpha * tile + beta * c</c> over a partial tile, whole registers at a time where the
    /// row allows; C is not read when beta is 0.
    /// </summary>
    private static void MergeTile(float* tile, nint tileStride, int rows, int columns, float* c, nint ldc, float alpha, float beta)
    {
        var w = TOps.Width;
        var alphas = TOps.Broadcast(alpha);
        var betas = TOps.Broadcast(beta);
        for (var r = 0; r < rows; r++)
        {
            var source = tile + (r * tileStride);
            var target = c + (r * ldc);
            var j = 0;
            for (; j + w <= columns; j += w)
            {
                var value = TOps.Multiply(TOps.Load(source + j), alphas);
                TOps.Store(target + j, beta == 0f ? value : TOps.MultiplyAdd(TOps.Load(target + j), betas, value));
            }
            for (; j < columns; j++)
            {
                target[j] = beta == 0f ? alpha * source[j] : (alpha * source[j]) + (beta * target[j]);
            }
        }
    }

    /// <summary>
    /// Picks a rows x columns grid of parts that uses every thread: fewest tiles in the largest part
    /// first (the product waits for it), then the squarest parts, since packing cost grows with their perimeter.
    /// </summary>
    private static void ChooseGrid(int threads, int rowTiles, int columnTiles, out int rowParts, out int columnParts)
    {
        rowParts = 1;
        columnParts = threads;
        var best = (Tiles: long.MaxValue, Perimeter: double.MaxValue);
        for (var candidate = 1; candidate <= threads; candidate++)
        {
            if (threads % candidate != 0 || candidate > rowTiles || threads / candidate > columnTiles)
            {
                continue;
            }
            var largest = (long)((rowTiles + candidate - 1) / candidate) * ((columnTiles + (threads / candidate) - 1) / (threads / candidate));
            var perimeter = ((double)rowTiles * TileRows / candidate) + ((double)columnTiles * TileColumns * candidate / threads);
            if (largest < best.Tiles || (largest == best.Tiles && perimeter < best.Perimeter))
            {
                best = (largest, perimeter);
                rowParts = candidate;
                columnParts = threads / candidate;
            }
        }
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<ParallelPlan>(state);
        var g = plan.Arguments;
        var row = part / plan.ColumnParts * plan.RowsPerPart;
        var column = part % plan.ColumnParts * plan.ColumnsPerPart;
        if (row < g.M && column < g.N)
        {
            RunBlocked(g.Slice(row, Math.Min(plan.RowsPerPart, g.M - row), column, Math.Min(plan.ColumnsPerPart, g.N - column)));
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>Where a row block's A tiles are: row-major in place for the first <see cref="FullRows"/> rows (when <see cref="RowMajor"/> is set), packed panels otherwise.</summary>
    private readonly struct ATiles
    {
        public float* Packed { get; init; }

        public float* RowMajor { get; init; }

        public nint Lda { get; init; }

        public int FullRows { get; init; }
    }

    private struct ParallelPlan
    {
        public GemmArguments Arguments;
        public int RowParts;
        public int ColumnParts;
        public int RowsPerPart;
        public int ColumnsPerPart;
    }
}
