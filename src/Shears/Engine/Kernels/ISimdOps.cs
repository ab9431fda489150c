namespace Shears.Engine.Kernels;

/// <summary>
/// The float arithmetic one kernel variant is built from. Kernels are generic over an
/// implementing struct so the JIT compiles one specialised copy per variant with every call inlined.
/// </summary>
/// <typeparam name="TVector">The register type: a SIMD vector of floats, or <see cref="float"/> itself.</typeparam>
internal unsafe interface ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary>Floats per register.</summary>
    static abstract int Width { get; }

    /// <summary>Rows of the GEMM register tile; the tile is this many rows by two registers.</summary>
    static abstract int TileRows { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Broadcast(float value);

    static abstract TVector Load(float* source);

    static abstract void Store(float* destination, TVector value);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary><paramref name="left"/> * <paramref name="right"/> + <paramref name="addend"/>.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Sum of the lanes.</summary>
    static abstract float Sum(TVector value);
}
