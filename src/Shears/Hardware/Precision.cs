namespace Shears.Hardware;

/// <summary>Numeric formats whose peak throughput a profile can state.</summary>
public enum Precision
{
    Float32,
    Tf32,
    Float16,
    Bfloat16,
    Int8,
}
