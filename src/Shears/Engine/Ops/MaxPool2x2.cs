using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Shears.Engine.Kernels;

namespace Shears.Engine.Ops;

/// <summary>
/// MaxPool with a 2×2 window, stride 2 and no padding, four outputs at a time: each input row pair is
/// split into even and odd columns and the four taps are compared in the scalar order (row by row,
/// left to right, the first maximum wins), so values and winners equal the general path's. Branches
/// on which tap wins mispredict on real activations; selects do not.
/// </summary>
internal static unsafe class MaxPool2x2
{
    /// <summary>Whether the window is 2-D, 2×2, stride 2, unpadded and undilated: fixed for a compiled executor.</summary>
    public static bool Fits(PoolWindow window) =>
        window.Input[0] == 1
        && window.Output[1] == window.Input[1] / 2
        && window.Output[2] == window.Input[2] / 2
        && window.Dilation[1] == 1 && window.Dilation[2] == 1
        && AllWindows(window.First[1], window.Taps[1]) && AllWindows(window.First[2], window.Taps[2]);

    /// <summary>Whether this CPU has the shuffles and the plan's kernel variant is not the scalar reference.</summary>
    public static bool Enabled(EngineOptions options) =>
        (Sse.IsSupported || AdvSimd.Arm64.IsSupported) && options.Kernels != KernelVariant.Scalar;

    /// <summary>Planes [firstPlane, endPlane): y the maxima, winners their indices in the whole input.</summary>
    public static void Forward(PoolWindow window, float* x, float* y, int* winners, int firstPlane, int endPlane)
    {
        var (height, width, inputWidth) = (window.Output[1], window.Output[2], window.Input[2]);
        var vectorWidth = width & ~3;
        var step = Vector128.Create(8);
        for (var p = firstPlane; p < endPlane; p++)
        {
            var o = p * window.OutputPlane;
            for (var oh = 0; oh < height; oh++)
            {
                var top = (p * window.InputPlane) + (2 * oh * inputWidth);
                var bottom = top + inputWidth;
                var index = Vector128.Create(top, top + 2, top + 4, top + 6);
                var ow = 0;
                for (; ow < vectorWidth; ow += 4, o += 4, index += step)
                {
                    var (topEven, topOdd) = Split(x + top + (2 * ow));
                    var (bottomEven, bottomOdd) = Split(x + bottom + (2 * ow));
                    var best = topEven;
                    var at = index;
                    Keep(topOdd, index + Vector128.Create(1), ref best, ref at);
                    Keep(bottomEven, index + Vector128.Create(inputWidth), ref best, ref at);
                    Keep(bottomOdd, index + Vector128.Create(inputWidth + 1), ref best, ref at);
                    best.Store(y + o);
                    at.Store(winners + o);
                }
                for (; ow < width; ow++, o++)
                {
                    var first = top + (2 * ow);
                    var best = x[first];
                    var at = first;
                    foreach (var tap in (ReadOnlySpan<int>)[first + 1, first + inputWidth, first + inputWidth + 1])
                    {
                        if (x[tap] > best)
                        {
                            best = x[tap];
                            at = tap;
                        }
                    }
                    y[o] = best;
                    winners[o] = at;
                }
            }
        }
    }

    private static void Keep(Vector128<float> candidate, Vector128<int> index, ref Vector128<float> best, ref Vector128<int> at)
    {
        var better = Vector128.GreaterThan(candidate, best);
        best = Vector128.ConditionalSelect(better, candidate, best);
        at = Vector128.ConditionalSelect(better.AsInt32(), index, at);
    }

    /// <summary>Eight consecutive floats as their even and their odd elements.</summary>
    private static (Vector128<float> Even, Vector128<float> Odd) Split(float* source)
    {
        var low = Vector128.Load(source);
        var high = Vector128.Load(source + 4);
        if (Sse.IsSupported)
        {
            return (Sse.Shuffle(low, high, 0b10_00_10_00), Sse.Shuffle(low, high, 0b11_01_11_01));
        }
        return (AdvSimd.Arm64.UnzipEven(low, high), AdvSimd.Arm64.UnzipOdd(low, high));
    }

    private static bool AllWindows(int[] first, int[] taps)
    {
        for (var o = 0; o < first.Length; o++)
        {
            if (first[o] != 2 * o || taps[o] != 2)
            {
                return false;
            }
        }
        return true;
    }
}
