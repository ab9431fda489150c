namespace Shears.Engine.Kernels;

/// <summary>Scalar arithmetic, one float per "register": the reference every variant is tested against.</summary>
internal readonly unsafe struct ScalarOps : ISimdOps<float>
{
    public static int Width => 1;

    public static int TileRows => 6;

    public static float Zero => 0f;

    public static float Broadcast(float value) => value;

    public static float Load(float* source) => *source;

    public static void Store(float* destination, float value) => *destination = value;

    public static float Add(float left, float right) => left + right;

    public static float Subtract(float left, float right) => left - right;

    public static float Multiply(float left, float right) => left * right;

    public static float MultiplyAdd(float left, float right, float addend) => (left * right) + addend;

    public static float Sum(float value) => value;
}
