namespace Shears.Hardware;

/// <summary>The vector width the kernels use on a target (for the host: the widest accelerated .NET vector).</summary>
public sealed record SimdWidth
{
    public int Bits { get; init; }

    public int Float32Lanes { get; init; }

    public static SimdWidth FromBits(int bits) => new() { Bits = bits, Float32Lanes = bits / 32 };
}
