using System.Runtime.Intrinsics;

namespace Shears.Hardware.Host;

/// <summary>
/// The few vector operations the peak benchmark needs, as static members so one generic kernel
/// compiles to straight-line code for each vector width.
/// </summary>
internal interface IMultiplyAddVector<TVector>
    where TVector : struct
{
    static abstract int Lanes { get; }

    static abstract TVector Create(float value);

    /// <summary>a × b + c, fused where the hardware can.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract float Sum(TVector value);
}

internal readonly struct Vector512MultiplyAdd : IMultiplyAddVector<Vector512<float>>
{
    public static int Lanes => Vector512<float>.Count;

    public static Vector512<float> Create(float value) => Vector512.Create(value);

    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);

    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
}

internal readonly struct Vector256MultiplyAdd : IMultiplyAddVector<Vector256<float>>
{
    public static int Lanes => Vector256<float>.Count;

    public static Vector256<float> Create(float value) => Vector256.Create(value);

    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);

    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}

internal readonly struct Vector128MultiplyAdd : IMultiplyAddVector<Vector128<float>>
{
    public static int Lanes => Vector128<float>.Count;

    public static Vector128<float> Create(float value) => Vector128.Create(value);

    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    public static float Sum(Vector128<float> value) => Vector128.Sum(value);
}
