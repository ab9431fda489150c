namespace Shears.Engine.Kernels;

/// <summary>
/// How the convolution kernels split a batch over threads: consecutive whole images per part, one
/// part per thread; with fewer images than threads, each part's GEMMs take the spare threads.
/// </summary>
internal readonly struct BatchParts
{
    public BatchParts(int batch, int threads)
    {
        var parts = Math.Min(threads, batch);
        ImagesPerPart = (batch + parts - 1) / parts;
        GemmThreads = parts < threads ? threads : 1;
        Count = (batch + ImagesPerPart - 1) / ImagesPerPart;
    }

    /// <summary>Parts that hold at least one image.</summary>
    public int Count { get; }

    public int ImagesPerPart { get; }

    /// <summary>Threads each GEMM inside a part may use.</summary>
    public int GemmThreads { get; }

    /// <summary>
    /// Adds <paramref name="count"/> partial sums of <paramref name="length"/> floats, stored one after
    /// another from <paramref name="partials"/>, onto <paramref name="target"/> in part order, so a
    /// thread count always gives the same rounding.
    /// </summary>
    public static unsafe void AddPartials(float* target, float* partials, long length, int count)
    {
        for (var part = 0; part < count; part++)
        {
            var partial = partials + (part * length);
            for (long i = 0; i < length; i++)
            {
                target[i] += partial[i];
            }
        }
    }
}
