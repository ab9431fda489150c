using System.Runtime.Intrinsics;

namespace Shears.Engine.Kernels;

/// <summary>
/// Portable 128-bit vectors through the cross-platform <see cref="Vector128"/> API, so the same
/// code runs on SSE and on Arm NEON; multiply-add fuses where the hardware can.
/// </summary>
internal readonly unsafe struct Vector128Ops : ISimdOps<Vector128<float>>
{
    public static int Width => Vector128<float>.Count;

    public static int TileRows => 6;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Vector128.MultiplyAddEstimate(left, right, addend);

    public static float Sum(Vector128<float> value) => Vector128.Sum(value);
}
