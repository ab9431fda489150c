using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Shears.Engine.Kernels;

/// <summary>512-bit AVX-512F vectors with fused multiply-add: 32 registers, so a 12 x 32 GEMM tile (24 accumulators).</summary>
internal readonly unsafe struct Avx512Ops : ISimdOps<Vector512<float>>
{
    public static int Width => Vector512<float>.Count;

    public static int TileRows => 12;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    public static Vector512<float> Load(float* source) => Avx512F.LoadVector512(source);

    public static void Store(float* destination, Vector512<float> value) => Avx512F.Store(destination, value);

    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => Avx512F.Add(left, right);

    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => Avx512F.Subtract(left, right);

    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => Avx512F.Multiply(left, right);

    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Avx512F.FusedMultiplyAdd(left, right, addend);

    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
}
