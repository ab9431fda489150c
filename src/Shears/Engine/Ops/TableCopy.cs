namespace Shears.Engine.Ops;

/// <summary>
/// Moves elements between two dense buffers over an iteration space whose positions come from
/// per-axis offset tables: element (i0, i1, …) goes from source[Σ sourceTables[a][i_a]] to
/// destination[Σ destinationTables[a][i_a]]. Transpose, Slice, Concat, Tile, Expand, Pad, nearest
/// Resize and all their gradients are such copies. Axes that walk both buffers evenly are merged,
/// so the innermost run is as long as the layout allows and usually moves as one span.
/// </summary>
internal sealed class TableCopy : IStorageAction
{
    private const int Grain = 1 << 14;
    private const int Irregular = int.MinValue;
    private const int Tile = 16;
    private readonly int[] _sizes;
    private readonly int[][] _source;
    private readonly int[][] _destination;
    private readonly int _sourceBase;
    private readonly int _destinationBase;
    private readonly int _run;
    private readonly int _rows;
    private readonly int _sourceStep;
    private readonly int _destinationStep;
    private readonly bool _leadingAxisDisjoint;
    private readonly EngineOptions _options;

    /// <param name="options">The threads the copy's rows run on (the executor's plan options).</param>
    /// <param name="sizes">Extent of each axis of the iteration space.</param>
    /// <param name="sourceTables">Per axis, the source offset of each index along it.</param>
    /// <param name="destinationTables">Per axis, the destination offset of each index along it.</param>
    public TableCopy(EngineOptions options, int[] sizes, int[][] sourceTables, int[][] destinationTables)
    {
        _options = options;
        Count = ShapeMath.Product(sizes);
        var axes = new List<Axis>();
        for (var a = 0; a < sizes.Length && Count > 0; a++)
        {
            _sourceBase += sourceTables[a][0];
            _destinationBase += destinationTables[a][0];
            if (sizes[a] == 1)
            {
                continue;
            }
            var axis = new Axis(sizes[a], Normalized(sourceTables[a], sizes[a]), Normalized(destinationTables[a], sizes[a]));
            if (axes.Count > 0 && axes[^1].MergesWith(axis))
            {
                var outer = axes[^1];
                var merged = outer.Size * axis.Size;
                axes[^1] = new Axis(merged, Arithmetic(merged, 0, axis.SourceStep), Arithmetic(merged, 0, axis.DestinationStep));
            }
            else
            {
                axes.Add(axis);
            }
        }
        if (axes.Count == 0)
        {
            axes.Add(new Axis(1, [0], [0]));
        }
        _sizes = [.. axes.Select(x => x.Size)];
        _source = [.. axes.Select(x => x.Source)];
        _destination = [.. axes.Select(x => x.Destination)];
        _run = _sizes[^1];
        _rows = ShapeMath.Product(_sizes.AsSpan(0, _sizes.Length - 1));
        _sourceStep = axes[^1].SourceStep;
        _destinationStep = axes[^1].DestinationStep;
        _leadingAxisDisjoint = axes.Count > 1 && LeadingBlocksDisjoint(axes);
    }

    /// <summary>Elements in the iteration space.</summary>
    public int Count { get; }

    /// <summary>Offsets start, start + step, … of one axis.</summary>
    public static int[] Arithmetic(int size, int start, int step)
    {
        var table = new int[Math.Max(size, 1)];
        for (var i = 0; i < size; i++)
        {
            table[i] = start + (i * step);
        }
        return table;
    }

    /// <summary>Tables walking a dense row-major buffer of the given shape.</summary>
    public static int[][] Dense(int[] shape) => Box(shape, new int[shape.Length], null, shape);

    /// <summary>Tables walking a strided box inside a dense buffer of <paramref name="shape"/>: per axis, counts[a] positions from starts[a] by steps[a] (1 when null).</summary>
    public static int[][] Box(int[] shape, int[] starts, int[]? steps, int[] counts)
    {
        var strides = ShapeMath.Strides(shape);
        var tables = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            tables[a] = Arithmetic(counts[a], starts[a] * strides[a], (steps?[a] ?? 1) * strides[a]);
        }
        return tables;
    }

    /// <summary>destination[map] = source[map] for tensors of the same element family.</summary>
    public void Copy(EngineTensor source, EngineTensor destination) => StorageDispatch.Run(this, source, destination);

    void IStorageAction.Run<T>(T[] source, T[] destination) => Copy(source, destination);

    public void Copy<T>(T[] source, T[] destination)
    {
        if (Count > 0)
        {
            ParallelRange.For(_options, _rows, RowGrain, (start, end) => CopyRows(source, destination, start, end));
        }
    }

    /// <summary>destination[map] += source[map].</summary>
    /// <param name="source">The buffer read.</param>
    /// <param name="destination">The buffer accumulated into.</param>
    /// <param name="injective">True when no two positions share a destination element, so all rows may run in parallel.</param>
    public void Add(float[] source, float[] destination, bool injective) => Accumulate<SumCombiner>(source, destination, injective);

    /// <summary>destination[map] = combine(destination[map], source[map]).</summary>
    /// <param name="source">The buffer read.</param>
    /// <param name="destination">The buffer combined into.</param>
    /// <param name="injective">True when no two positions share a destination element, so all rows may run in parallel.</param>
    public void Accumulate<TCombiner>(float[] source, float[] destination, bool injective)
        where TCombiner : IRunCombiner
    {
        if (Count == 0)
        {
            return;
        }
        if (injective)
        {
            ParallelRange.For(_options, _rows, RowGrain, (start, end) => AccumulateRows<TCombiner>(source, destination, start, end));
        }
        else if (_leadingAxisDisjoint)
        {
            // Blocks of rows that differ in the leading coordinate write disjoint destination ranges.
            var perBlock = _rows / _sizes[0];
            ParallelRange.For(_options, _sizes[0], Math.Max(1, RowGrain / perBlock), (start, end) =>
                AccumulateRows<TCombiner>(source, destination, start * perBlock, end * perBlock));
        }
        else
        {
            AccumulateRows<TCombiner>(source, destination, 0, _rows);
        }
    }

    private int RowGrain => Math.Max(1, Grain / Math.Max(1, _run));

    private void CopyRows<T>(T[] source, T[] destination, int start, int end)
    {
        // Fast runs: span into span, or one value filling a span.
        if (_destinationStep != 1 || _sourceStep is not (0 or 1))
        {
            MoveTiles<T, CopyMove<T>>(source, destination, start, end);
            return;
        }
        var cursor = new RowCursor(this, start, stackalloc int[_sizes.Length]);
        var run = _run;
        for (var r = start; r < end; r++, cursor.Next())
        {
            if (_sourceStep == 1)
            {
                source.AsSpan(cursor.Source, run).CopyTo(destination.AsSpan(cursor.Destination, run));
            }
            else
            {
                destination.AsSpan(cursor.Destination, run).Fill(source[cursor.Source]);
            }
        }
    }

    private void AccumulateRows<TCombiner>(float[] source, float[] destination, int start, int end)
        where TCombiner : IRunCombiner
    {
        // Fast runs: span into span, one value into a span, or a span folded into one value.
        if ((_sourceStep, _destinationStep) is not ((1, 1) or (0, 1) or (1, 0)))
        {
            MoveTiles<float, CombineMove<TCombiner>>(source, destination, start, end);
            return;
        }
        var cursor = new RowCursor(this, start, stackalloc int[_sizes.Length]);
        var run = _run;
        for (var r = start; r < end; r++, cursor.Next())
        {
            var (s, d) = (cursor.Source, cursor.Destination);
            if (_sourceStep == 1 && _destinationStep == 1)
            {
                TCombiner.Spans(source.AsSpan(s, run), destination.AsSpan(d, run));
            }
            else if (_sourceStep == 0)
            {
                TCombiner.Scalar(source[s], destination.AsSpan(d, run));
            }
            else
            {
                destination[d] = TCombiner.Fold(destination[d], source.AsSpan(s, run));
            }
        }
    }

    /// <summary>
    /// Runs that stride through either buffer are moved in square tiles of rows × run positions,
    /// so a transpose touches a few cache lines at a time on both sides instead of one per element.
    /// </summary>
    private void MoveTiles<T, TMove>(T[] source, T[] destination, int start, int end)
        where TMove : struct, IElementMove<T>
    {
        var cursor = new RowCursor(this, start, stackalloc int[_sizes.Length]);
        Span<int> sourceRows = stackalloc int[Tile];
        Span<int> destinationRows = stackalloc int[Tile];
        var sourceRun = _source[^1];
        var destinationRun = _destination[^1];
        for (var r = start; r < end; r += Tile)
        {
            var rows = Math.Min(Tile, end - r);
            for (var i = 0; i < rows; i++, cursor.Next())
            {
                sourceRows[i] = cursor.Source;
                destinationRows[i] = cursor.Destination;
            }
            for (var first = 0; first < _run; first += Tile)
            {
                var last = Math.Min(_run, first + Tile);
                for (var i = 0; i < rows; i++)
                {
                    var (s, d) = (sourceRows[i], destinationRows[i]);
                    for (var j = first; j < last; j++)
                    {
                        TMove.Move(source, s + sourceRun[j], destination, d + destinationRun[j]);
                    }
                }
            }
        }
    }

    /// <summary>How one element moves: copied, or combined into what the destination holds.</summary>
    private interface IElementMove<T>
    {
        static abstract void Move(T[] source, int from, T[] destination, int to);
    }

    private readonly struct CopyMove<T> : IElementMove<T>
    {
        public static void Move(T[] source, int from, T[] destination, int to) => destination[to] = source[from];
    }

    private readonly struct CombineMove<TCombiner> : IElementMove<float>
        where TCombiner : IRunCombiner
    {
        public static void Move(float[] source, int from, float[] destination, int to) => destination[to] = TCombiner.Combine(destination[to], source[from]);
    }

    /// <summary>Walks rows (all axes but the innermost) like an odometer, keeping both buffers' row offsets current.</summary>
    private ref struct RowCursor
    {
        private readonly TableCopy _copy;
        private readonly Span<int> _coordinates;

        public RowCursor(TableCopy copy, int row, Span<int> coordinates)
        {
            _copy = copy;
            _coordinates = coordinates;
            Source = copy._sourceBase;
            Destination = copy._destinationBase;
            for (var a = copy._sizes.Length - 2; a >= 0; a--)
            {
                var c = row % copy._sizes[a];
                row /= copy._sizes[a];
                coordinates[a] = c;
                Source += copy._source[a][c];
                Destination += copy._destination[a][c];
            }
        }

        public int Source { get; private set; }

        public int Destination { get; private set; }

        public void Next()
        {
            var copy = _copy;
            for (var a = copy._sizes.Length - 2; a >= 0; a--)
            {
                var source = copy._source[a];
                var destination = copy._destination[a];
                var c = _coordinates[a] + 1;
                if (c < copy._sizes[a])
                {
                    Source += source[c] - source[c - 1];
                    Destination += destination[c] - destination[c - 1];
                    _coordinates[a] = c;
                    return;
                }
                Source -= source[c - 1] - source[0];
                Destination -= destination[c - 1] - destination[0];
                _coordinates[a] = 0;
            }
        }
    }

    private static bool LeadingBlocksDisjoint(List<Axis> axes)
    {
        var step = axes[0].DestinationStep;
        if (step == Irregular || step <= 0)
        {
            return false;
        }
        long spread = 0;
        for (var a = 1; a < axes.Count; a++)
        {
            var table = axes[a].Destination;
            spread += table.Max() - table.Min();
        }
        return step > spread;
    }

    private static int[] Normalized(int[] table, int size)
    {
        var result = new int[size];
        for (var i = 0; i < size; i++)
        {
            result[i] = table[i] - table[0];
        }
        return result;
    }

    private readonly record struct Axis(int Size, int[] Source, int[] Destination)
    {
        public int SourceStep { get; } = StepOf(Source, Size);

        public int DestinationStep { get; } = StepOf(Destination, Size);

        /// <summary>Whether this axis followed by <paramref name="inner"/> walks both buffers like one longer axis.</summary>
        public bool MergesWith(Axis inner) =>
            SourceStep != Irregular && DestinationStep != Irregular && inner.SourceStep != Irregular && inner.DestinationStep != Irregular
            && SourceStep == inner.SourceStep * inner.Size && DestinationStep == inner.DestinationStep * inner.Size;

        private static int StepOf(int[] table, int size)
        {
            if (size == 1)
            {
                return 0;
            }
            var step = table[1] - table[0];
            for (var i = 2; i < size; i++)
            {
                if (table[i] - table[i - 1] != step)
                {
                    return Irregular;
                }
            }
            return step;
        }
    }
}
