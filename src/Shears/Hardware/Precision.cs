namespace Shears.Hardware;

/// <summary>Numeric formats whose peak throughput a profile can state.</summary>
public enum Precision
{
    /// <summary>IEEE 32-bit float, the format Shears trains and runs in.</summary>
    Float32,
    /// <summary>TensorFloat-32: float32 range with a 10-bit mantissa, for GPU tensor cores.</summary>
    Tf32,
    /// <summary>IEEE 16-bit half-precision float.</summary>
    Float16,
    /// <summary>Brain float 16: float32 range with a 7-bit mantissa.</summary>
    Bfloat16,
    /// <summary>8-bit integers, for quantized models.</summary>
    Int8,
}
