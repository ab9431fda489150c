using System.Runtime.CompilerServices;

namespace Shears.Engine.Kernels;

/// <summary>
/// Direct depthwise convolution (one filter per channel), vectorised along output rows: each
/// kernel tap adds a weighted, shifted input row onto the output row. For strides above one the
/// input row is first split into its stride phases so every tap still reads contiguous memory.
/// Threads take disjoint channel ranges, so weight gradients need no reduction.
/// </summary>
internal static unsafe class DepthwiseConvolution<TOps, TVector>
    where TOps : unmanaged, ISimdOps<TVector>
    where TVector : unmanaged
{
    public static void Run(ConvPass pass, ref ConvTensors tensors, int threads)
    {
        var plan = new Plan { Tensors = tensors, Pass = pass, ChannelsPerPart = (tensors.Geometry.InChannels + threads - 1) / threads };
        var parts = (tensors.Geometry.InChannels + plan.ChannelsPerPart - 1) / plan.ChannelsPerPart;
        WorkerPool.Run(parts, &RunPart, Unsafe.AsPointer(ref plan));
    }

    private static void RunPart(void* state, int part)
    {
        ref var plan = ref Unsafe.AsRef<Plan>(state);
        var start = part * plan.ChannelsPerPart;
        var end = Math.Min(plan.Tensors.Geometry.InChannels, start + plan.ChannelsPerPart);
        switch (plan.Pass)
        {
            case ConvPass.BackwardInput:
                BackwardInput(plan.Tensors, start, end);
                break;
            default:
                ReadInputRows(plan.Pass, plan.Tensors, start, end);
                break;
        }
    }

    /// <summary>
    /// Forward and weight gradient walk the same (image, channel, output row, tap) nest over
    /// input rows: forward adds weighted input rows onto the output row, the weight gradient dots
    /// them with the output-gradient row.
    /// </summary>
    private static void ReadInputRows(ConvPass pass, in ConvTensors t, int channelStart, int channelEnd)
    {
        var g = t.Geometry;
        var taps = g.KernelHeight * g.KernelWidth;
        var phases = Scratch.Get(ScratchSlot.DepthwiseRow, PhaseLength(g) * g.StrideWidth);
        var forward = pass == ConvPass.Forward;
        if (!forward)
        {
            new Span<float>(t.WeightGradient + (channelStart * taps), (channelEnd - channelStart) * taps).Clear();
        }
        for (var n = 0; n < g.Batch; n++)
        {
            for (var c = channelStart; c < channelEnd; c++)
            {
                var input = t.Input + (((long)n * g.InChannels) + c) * g.InHeight * g.InWidth;
                var outputPlane = (forward ? t.Output : t.OutputGradient) + (((long)n * g.InChannels) + c) * g.OutHeight * g.OutWidth;
                var weight = (forward ? t.Weight : t.WeightGradient) + (c * taps);
                for (var y = 0; y < g.OutHeight; y++)
                {
                    var outputRow = outputPlane + (y * g.OutWidth);
                    if (forward)
                    {
                        new Span<float>(outputRow, g.OutWidth).Fill(t.Bias == null ? 0f : t.Bias[c]);
                    }
                    for (var r = 0; r < g.KernelHeight; r++)
                    {
                        var ih = InputRow(g, y, r);
                        if (ih < 0)
                        {
                            continue;
                        }
                        var line = Phases(g, input + (ih * g.InWidth), phases);
                        for (var s = 0; s < g.KernelWidth; s++)
                        {
                            var (offset, start, end) = Tap(g, s);
                            var source = TapSource(g, line, offset) + start;
                            var tap = (r * g.KernelWidth) + s;
                            if (forward)
                            {
                                VectorLoops<TOps, TVector>.MultiplyAdd(outputRow + start, source, weight[tap], end - start);
                            }
                            else
                            {
                                weight[tap] += VectorLoops<TOps, TVector>.Dot(outputRow + start, source, end - start);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void BackwardInput(in ConvTensors t, int channelStart, int channelEnd)
    {
        var g = t.Geometry;
        var phaseLength = PhaseLength(g);
        var phases = Scratch.Get(ScratchSlot.DepthwiseRow, phaseLength * g.StrideWidth);
        for (var n = 0; n < g.Batch; n++)
        {
            for (var c = channelStart; c < channelEnd; c++)
            {
                var inputGradient = t.InputGradient + (((long)n * g.InChannels) + c) * g.InHeight * g.InWidth;
                var outputGradient = t.OutputGradient + (((long)n * g.InChannels) + c) * g.OutHeight * g.OutWidth;
                var weight = t.Weight + (c * g.KernelHeight * g.KernelWidth);
                new Span<float>(inputGradient, g.InHeight * g.InWidth).Clear();
                for (var y = 0; y < g.OutHeight; y++)
                {
                    var gradientRow = outputGradient + (y * g.OutWidth);
                    for (var r = 0; r < g.KernelHeight; r++)
                    {
                        var ih = InputRow(g, y, r);
                        if (ih < 0)
                        {
                            continue;
                        }
                        var inputRow = inputGradient + (ih * g.InWidth);
                        // With stride 1 the taps add straight into the row; otherwise into its phases, interleaved back after.
                        var line = g.StrideWidth == 1 ? inputRow : phases;
                        if (g.StrideWidth != 1)
                        {
                            new Span<float>(phases, phaseLength * g.StrideWidth).Clear();
                        }
                        for (var s = 0; s < g.KernelWidth; s++)
                        {
                            var (offset, start, end) = Tap(g, s);
                            VectorLoops<TOps, TVector>.MultiplyAdd(TapSource(g, line, offset) + start, gradientRow + start, weight[(r * g.KernelWidth) + s], end - start);
                        }
                        if (g.StrideWidth != 1)
                        {
                            for (var x = 0; x < g.InWidth; x++)
                            {
                                inputRow[x] += phases[((x % g.StrideWidth) * phaseLength) + (x / g.StrideWidth)];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Input row kernel row <paramref name="r"/> reads for output row <paramref name="y"/>, or -1 in the padding.</summary>
    private static int InputRow(ConvGeometry g, int y, int r)
    {
        var ih = (y * g.StrideHeight) - g.PadTop + (r * g.DilationHeight);
        return ih >= 0 && ih < g.InHeight ? ih : -1;
    }

    /// <summary>Column offset of tap <paramref name="s"/> and the output columns it reads inside the input.</summary>
    private static (int Offset, int Start, int End) Tap(ConvGeometry g, int s)
    {
        var offset = (s * g.DilationWidth) - g.PadLeft;
        var (start, end) = ConvRange.Valid(g.OutWidth, g.StrideWidth, offset, g.InWidth);
        return (offset, start, end);
    }

    private static int PhaseLength(ConvGeometry g) => (g.InWidth + g.StrideWidth - 1) / g.StrideWidth;

    /// <summary>With stride 1, the row itself; otherwise the row split into stride phases: phase p holds columns p, p + stride, ...</summary>
    private static float* Phases(ConvGeometry g, float* row, float* phases)
    {
        if (g.StrideWidth == 1)
        {
            return row;
        }
        var phaseLength = PhaseLength(g);
        for (var x = 0; x < g.InWidth; x++)
        {
            phases[((x % g.StrideWidth) * phaseLength) + (x / g.StrideWidth)] = row[x];
        }
        return phases;
    }

    /// <summary>Pointer p such that p[o] is the input column that output column o reads at this tap offset.</summary>
    private static float* TapSource(ConvGeometry g, float* line, int offset)
    {
        if (g.StrideWidth == 1)
        {
            return line + offset;
        }
        var (quotient, phase) = ConvRange.Split(offset, g.StrideWidth);
        return line + (phase * PhaseLength(g)) + quotient;
    }

    private struct Plan
    {
        public ConvTensors Tensors;
        public ConvPass Pass;
        public int ChannelsPerPart;
    }
}
