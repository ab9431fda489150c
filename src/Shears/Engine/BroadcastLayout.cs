namespace Shears.Engine;

/// <summary>
/// How inputs of different shapes line up with a broadcast output, reduced to the fewest axes:
/// axes where every input broadcasts (or not) in the same way are merged. The last axis is the
/// contiguous run each operation works on; its stride per input is 1 (walks) or 0 (repeats one element).
/// </summary>
internal sealed class BroadcastLayout
{
    private readonly int[] _dims;
    private readonly int[][] _strides;

    private BroadcastLayout(int[] dims, int[][] strides)
    {
        _dims = dims;
        _strides = strides;
        RunLength = dims.Length == 0 ? 1 : dims[^1];
        RunCount = 1;
        for (var i = 0; i < dims.Length - 1; i++)
        {
            RunCount *= dims[i];
        }
    }

    /// <summary>Elements per contiguous run of the output.</summary>
    public int RunLength { get; }

    /// <summary>Number of runs making up the output.</summary>
    public int RunCount { get; }

    /// <summary>Stride of input i along the run: 1 or 0.</summary>
    public int RunStride(int input) => _dims.Length == 0 ? 0 : _strides[input][^1];

    /// <summary>True when input i has the output's shape (no repetition anywhere).</summary>
    public bool IsFull(int input) => _strides[input].Zip(_dims).All(p => p.First != 0 || p.Second == 1);

    public static BroadcastLayout Create(int[] output, params int[][] inputs)
    {
        var rank = output.Length;
        // Per axis, whether each input walks along it (its size equals the output's) or repeats.
        var axes = new List<(int Size, bool[] Walks)>();
        for (var a = 0; a < rank; a++)
        {
            if (output[a] == 1)
            {
                continue;
            }
            var walks = new bool[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
            {
                var offset = a - (rank - inputs[i].Length);
                walks[i] = offset >= 0 && inputs[i][offset] != 1;
            }
            if (axes.Count > 0 && axes[^1].Walks.AsSpan().SequenceEqual(walks))
            {
                axes[^1] = (axes[^1].Size * output[a], walks);
            }
            else
            {
                axes.Add((output[a], walks));
            }
        }
        var dims = axes.Select(x => x.Size).ToArray();
        var strides = new int[inputs.Length][];
        for (var i = 0; i < inputs.Length; i++)
        {
            strides[i] = new int[dims.Length];
            var stride = 1;
            for (var a = dims.Length - 1; a >= 0; a--)
            {
                if (axes[a].Walks[i])
                {
                    strides[i][a] = stride;
                    stride *= dims[a];
                }
            }
        }
        return new BroadcastLayout(dims, strides);
    }

    /// <summary>Start offset of input i for output run r.</summary>
    public int Offset(int input, int run)
    {
        var offset = 0;
        var strides = _strides[input];
        for (var a = _dims.Length - 2; a >= 0; a--)
        {
            var d = _dims[a];
            offset += (run % d) * strides[a];
            run /= d;
        }
        return offset;
    }
}
