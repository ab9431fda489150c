using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Shears.Engine.Kernels;

/// <summary>256-bit AVX2 vectors with FMA3: 16 registers, so a 6 x 16 GEMM tile (12 accumulators).</summary>
internal readonly unsafe struct Avx2FmaOps : ISimdOps<Vector256<float>>
{
    public static int Width => Vector256<float>.Count;

    public static int TileRows => 6;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    public static Vector256<float> Load(float* source) => Avx.LoadVector256(source);

    public static void Store(float* destination, Vector256<float> value) => Avx.Store(destination, value);

    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => Avx.Add(left, right);

    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => Avx.Subtract(left, right);

    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => Avx.Multiply(left, right);

    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Fma.MultiplyAdd(left, right, addend);

    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}
