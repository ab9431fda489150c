using Shears.Data;

namespace Shears.Preprocessing;

/// <summary>Per-channel mean and (population) standard deviation of a dataset's raw inputs, to normalise with inside the graph.</summary>
/// <param name="Mean">One mean per channel (a single one when the samples are not images).</param>
/// <param name="StandardDeviation">One population standard deviation per channel, matching <paramref name="Mean"/>.</param>
public sealed record InputStatistics(IReadOnlyList<float> Mean, IReadOnlyList<float> StandardDeviation)
{
    /// <summary>
    /// Statistics of every sample in <paramref name="data"/>: one mean and deviation per channel for image samples
    /// (rank 3, channels on the axis <paramref name="layout"/> names), else one for all values. Sums run in double
    /// precision in sample order, so the result is the same on every run. A constant channel gets deviation 1.
    /// </summary>
    public static InputStatistics Compute(IBatchSource data, InputLayoutKind layout = InputLayoutKind.ChannelsFirst)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ShearsException("cannot compute input statistics from an empty dataset");
        }
        var shape = data.SampleShape;
        var size = shape.Aggregate(1, (a, b) => checked(a * b));
        var channels = shape.Count == 3 && layout != InputLayoutKind.Features
            ? layout == InputLayoutKind.ChannelsLast ? shape[2] : shape[0]
            : 1;
        var sums = new double[channels];
        var squares = new double[channels];
        const int Chunk = 256;
        var indices = new int[Chunk];
        var samples = new float[Chunk * size];
        var labels = new int[Chunk];
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, data.Count - start);
            for (var i = 0; i < count; i++)
            {
                indices[i] = start + i;
            }
            data.CopyBatch(indices.AsSpan(0, count), samples.AsSpan(0, count * size), labels.AsSpan(0, count));
            for (var i = 0; i < count * size; i++)
            {
                var within = i % size;
                var channel = channels == 1 ? 0 : layout == InputLayoutKind.ChannelsLast ? within % channels : within / (size / channels);
                double v = samples[i];
                sums[channel] += v;
                squares[channel] += v * v;
            }
        }
        var perChannel = (double)data.Count * size / channels;
        var mean = new float[channels];
        var std = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var m = sums[c] / perChannel;
            var deviation = Math.Sqrt(Math.Max(0, (squares[c] / perChannel) - (m * m)));
            mean[c] = (float)m;
            std[c] = deviation > 0 ? (float)deviation : 1;
        }
        return new InputStatistics(mean, std);
    }
}
