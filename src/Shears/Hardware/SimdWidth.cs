namespace Shears.Hardware;

/// <summary>The vector width the kernels use on a target (for the host: the widest accelerated .NET vector).</summary>
public sealed record SimdWidth
{
    /// <summary>Register width in bits, such as 256 for AVX2.</summary>
    public int Bits { get; init; }

    /// <summary>Float32 values per register: <see cref="Bits"/> / 32.</summary>
    public int Float32Lanes { get; init; }

    /// <summary>The width of registers of <paramref name="bits"/> bits, with its float32 lane count.</summary>
    public static SimdWidth FromBits(int bits) => new() { Bits = bits, Float32Lanes = bits / 32 };
}
