using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>The few one-dimensional loops the convolution kernels need, vectorised per variant.</summary>
internal static unsafe class VectorLoops<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    /// <summary><c>y[i] += a * x[i]</c> for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(float* y, float* x, float a, int count)
    {
        var w = TOps.Width;
        var scale = TOps.Broadcast(a);
        var i = 0;
        for (; i + w <= count; i += w)
        {
            TOps.Store(y + i, TOps.MultiplyAdd(TOps.Load(x + i), scale, TOps.Load(y + i)));
        }
        for (; i < count; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>Σ x[i] * y[i] for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(float* x, float* y, int count)
    {
        var w = TOps.Width;
        var sum0 = TOps.Zero;
        var sum1 = TOps.Zero;
        var i = 0;
        // Two accumulators hide the FMA latency.
        for (; i + (2 * w) <= count; i += 2 * w)
        {
            sum0 = TOps.MultiplyAdd(TOps.Load(x + i), TOps.Load(y + i), sum0);
            sum1 = TOps.MultiplyAdd(TOps.Load(x + i + w), TOps.Load(y + i + w), sum1);
        }
        for (; i + w <= count; i += w)
        {
            sum0 = TOps.MultiplyAdd(TOps.Load(x + i), TOps.Load(y + i), sum0);
        }
        var sum = TOps.Sum(TOps.Add(sum0, sum1));
        for (; i < count; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /// <summary>Σ x[i] for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(float* x, int count)
    {
        var w = TOps.Width;
        var total = TOps.Zero;
        var i = 0;
        for (; i + w <= count; i += w)
        {
            total = TOps.Add(total, TOps.Load(x + i));
        }
        var sum = TOps.Sum(total);
        for (; i < count; i++)
        {
            sum += x[i];
        }
        return sum;
    }
}
