namespace Shears.Engine.Kernels;

/// <summary>What a scratch buffer holds; each use has its own slot so nested kernels never share one.</summary>
internal enum ScratchSlot
{
    PackedA,
    PackedB,
    SmallRows,
    Columns,
    ChunkRows,
    WeightGradient,
    DepthwiseRow,
    WinogradWeights,
    WinogradInput,
    WinogradProducts,
    WinogradImage,
    Count,
}

/// <summary>
/// Per-thread scratch memory for packing and im2col, reused across calls so hot paths do not
/// allocate. Buffers live on the pinned heap (stable addresses, freed with their thread) and are
/// handed out 64-byte aligned.
/// </summary>
internal static unsafe class Scratch
{
    private const int AlignmentFloats = 16;

    [ThreadStatic]
    private static float[]?[]? _buffers;

    /// <summary>
    /// At least <paramref name="floats"/> floats of uninitialised memory, valid until the same
    /// slot is asked for again on this thread.
    /// </summary>
    public static float* Get(ScratchSlot slot, long floats)
    {
        var buffers = _buffers ??= new float[]?[(int)ScratchSlot.Count];
        var buffer = buffers[(int)slot];
        if (buffer is null || buffer.Length < floats + AlignmentFloats)
        {
            // Grow geometrically so a slowly rising demand does not reallocate every call.
            var size = Math.Max(floats + AlignmentFloats, (long)((buffer?.Length ?? 0) * 1.5));
            buffer = GC.AllocateUninitializedArray<float>(checked((int)size), pinned: true);
            buffers[(int)slot] = buffer;
        }
        fixed (float* start = buffer)
        {
            // Pinned-heap arrays never move, so the pointer outlives the fixed block.
            return (float*)(((nint)start + (AlignmentFloats * sizeof(float)) - 1) & ~(nint)((AlignmentFloats * sizeof(float)) - 1));
        }
    }
}
