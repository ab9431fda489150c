namespace Shears.Hardware;

/// <summary>
/// Dense peak throughput, in GFLOP/s (GOP/s for integers). "Matrix" figures are for matrix engines:
/// GPU tensor cores, systolic arrays. Sparsity speed-ups are stated separately, never folded in here.
/// </summary>
public sealed record PeakCompute
{
    /// <summary>Float32 vector multiply-add peak of one core (for a GPU, one streaming multiprocessor).</summary>
    public double? Float32GflopsPerCore { get; init; }

    /// <summary>Float32 vector multiply-add peak of the whole device.</summary>
    public double? Float32Gflops { get; init; }

    /// <summary>TF32 matrix-engine peak (GPU tensor cores), when the device has one.</summary>
    public double? MatrixTf32Gflops { get; init; }

    /// <summary>16-bit float matrix peak (FP16; BF16 where the device runs it at the same rate).</summary>
    public double? MatrixFloat16Gflops { get; init; }

    /// <summary>Int8 matrix-engine peak in GOP/s, when the device has one.</summary>
    public double? MatrixInt8Gops { get; init; }

    /// <summary>The best dense figure for a precision, falling back to float32 vector math; null when unknown.</summary>
    public double? For(Precision precision) => precision switch
    {
        Precision.Tf32 => MatrixTf32Gflops ?? Float32Gflops,
        Precision.Float16 or Precision.Bfloat16 => MatrixFloat16Gflops ?? Float32Gflops,
        Precision.Int8 => MatrixInt8Gops ?? Float32Gflops,
        _ => Float32Gflops,
    };
}
