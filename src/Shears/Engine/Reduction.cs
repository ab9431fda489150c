using System.Numerics.Tensors;

namespace Shears.Engine;

/// <summary>Moving values between a broadcast shape and a smaller one: repeating forward, summing back.</summary>
internal static class Reduction
{
    /// <summary>target += scale × (source summed over the axes where target broadcasts to <paramref name="sourceShape"/>).</summary>
    public static void SumInto(float[] source, int[] sourceShape, EngineTensor target, float scale = 1f)
    {
        var t = target.Floats;
        var n = EngineTensor.ElementCount(sourceShape);
        if (target.Length == n)
        {
            if (scale == 1f)
            {
                TensorPrimitives.Add(t.AsSpan(0, n), source.AsSpan(0, n), t.AsSpan(0, n));
            }
            else
            {
                TensorPrimitives.MultiplyAdd(source.AsSpan(0, n), scale, t.AsSpan(0, n), t.AsSpan(0, n));
            }
            return;
        }
        var layout = BroadcastLayout.Create(sourceShape, target.Shape);
        var run = layout.RunLength;
        var walks = layout.RunStride(0) == 1;
        for (var r = 0; r < layout.RunCount; r++)
        {
            var o = layout.Offset(0, r);
            var src = source.AsSpan(r * run, run);
            if (walks)
            {
                TensorPrimitives.MultiplyAdd(src, scale, t.AsSpan(o, run), t.AsSpan(o, run));
            }
            else
            {
                t[o] += scale * TensorPrimitives.Sum(src);
            }
        }
    }

    /// <summary>Writes <paramref name="source"/> repeated to fill <paramref name="shape"/> into destination.</summary>
    public static void Broadcast(EngineTensor source, int[] shape, float[] destination)
    {
        var layout = BroadcastLayout.Create(shape, source.Shape);
        var run = layout.RunLength;
        var walks = layout.RunStride(0) == 1;
        var s = source.Floats;
        for (var r = 0; r < layout.RunCount; r++)
        {
            var o = layout.Offset(0, r);
            var dst = destination.AsSpan(r * run, run);
            if (walks)
            {
                s.AsSpan(o, run).CopyTo(dst);
            }
            else
            {
                dst.Fill(s[o]);
            }
        }
    }
}
