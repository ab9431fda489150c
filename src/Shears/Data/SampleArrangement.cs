namespace Shears.Data;

/// <summary>
/// Puts array samples (from .npy, .npz, CSV or IDX) into the layout the model wants and applies the
/// user's per-channel mean and deviation. Arrays are otherwise taken as given: no scaling, no statistics.
/// </summary>
internal static class SampleArrangement
{
    private static bool IsChannelCount(int d) => d is 1 or 3 or 4;

    /// <summary>The dataset moved to the target layout (a C×H×W ↔ H×W×C transpose when that makes it fit) and normalised.</summary>
    public static LabelledDataset Arrange(LabelledDataset data, DataLoadOptions options, IReadOnlyList<int?>? target)
    {
        if (options.Resize is not null || options.Crop is not null)
        {
            throw new InvalidOptionException($"{data.Name}: {(options.Resize is not null ? nameof(DataLoadOptions.Resize) : nameof(DataLoadOptions.Crop))} applies to image folders only, not to arrays", options.Resize is not null ? nameof(DataLoadOptions.Resize) : nameof(DataLoadOptions.Crop));
        }
        var shape = data.SampleShape;
        var channelsLast = false;
        if (shape.Length == 3)
        {
            var (a, b, c) = (shape[0], shape[1], shape[2]);
            bool toFirst;
            bool toLast;
            if (target is { Count: 3 })
            {
                toFirst = !Fits(shape, target) && Fits([c, a, b], target);
                toLast = !Fits(shape, target) && !toFirst && Fits([b, c, a], target);
                channelsLast = ImageTarget.From(target, options.Layout).ChannelsLast;
            }
            else
            {
                var looksLast = IsChannelCount(c) && !IsChannelCount(a);
                var looksFirst = IsChannelCount(a) && !IsChannelCount(c);
                toFirst = options.Layout == SampleLayout.ChannelsFirst && looksLast;
                toLast = options.Layout == SampleLayout.ChannelsLast && looksFirst;
                channelsLast = options.Layout == SampleLayout.ChannelsLast || (options.Layout == SampleLayout.Auto && looksLast);
            }
            if (toFirst)
            {
                data = data.WithValues(Transpose(data.Values, a * b, c), [c, a, b]);
            }
            else if (toLast)
            {
                data = data.WithValues(Transpose(data.Values, a, b * c), [b, c, a]);
            }
        }
        return Normalize(data, channelsLast, options);
    }

    /// <summary>Applies (x − mean[c]) / std[c] to a copy of the values; the dataset itself when neither is given.</summary>
    public static LabelledDataset Normalize(LabelledDataset data, bool channelsLast, DataLoadOptions options)
    {
        if (options.Mean is null && options.StandardDeviation is null)
        {
            return data;
        }
        var shape = data.SampleShape;
        var channels = shape.Length == 3 ? shape[channelsLast ? 2 : 0] : 1;
        var mean = PerChannel(options.Mean, 0f, channels, nameof(DataLoadOptions.Mean), data.Name);
        var std = PerChannel(options.StandardDeviation, 1f, channels, nameof(DataLoadOptions.StandardDeviation), data.Name);
        var values = data.Values.ToArray();
        var stride = channelsLast ? 1 : data.SampleSize / channels;
        for (var i = 0; i < values.Length; i++)
        {
            var channel = channelsLast ? i % channels : i / stride % channels;
            values[i] = (values[i] - mean[channel]) / std[channel];
        }
        return data.WithValues(values, shape);
    }

    /// <summary>One value per channel: a single given value serves every channel.</summary>
    public static float[] PerChannel(IReadOnlyList<float>? given, float fallback, int channels, string option, string name)
    {
        if (given is null)
        {
            return Enumerable.Repeat(fallback, channels).ToArray();
        }
        if (given.Count == 1)
        {
            return Enumerable.Repeat(given[0], channels).ToArray();
        }
        if (given.Count != channels)
        {
            throw new InvalidOptionException($"{name}: {option} has {given.Count} values but the samples have {channels} channel(s)", option);
        }
        return [.. given];
    }

    private static bool Fits(IReadOnlyList<int> shape, IReadOnlyList<int?> target) =>
        shape.Count == target.Count && shape.Zip(target).All(p => p.Second is null || p.First == p.Second);

    // Each sample is a rows×columns matrix; the result holds its transpose (columns×rows).
    private static float[] Transpose(ReadOnlySpan<float> values, int rows, int columns)
    {
        var size = rows * columns;
        var result = new float[values.Length];
        for (var start = 0; start < values.Length; start += size)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    result[start + (c * rows) + r] = values[start + (r * columns) + c];
                }
            }
        }
        return result;
    }
}
