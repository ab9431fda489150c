namespace Shears.Data;

/// <summary>
/// Checks, before any work starts, that data fits a model: its samples have the shape the model's input
/// takes per sample, and its labels lie within the model's classes. A sample fits when the shapes are
/// equal (symbolic model extents match anything), equal once extents of 1 are dropped (a 28×28 array
/// feeds 1×28×28; one channel is the same first or last), or one side is a flat vector of the same size
/// (1×28×28 images feed a [784] input, a CSV row of 784 values a 1×28×28 input).
/// </summary>
public static class DatasetCompatibility
{
    /// <summary>Throws a <see cref="DatasetMismatchException"/> naming both shapes when <paramref name="data"/> does not fit <paramref name="model"/>.</summary>
    public static void Check(LabelledDataset data, ModelInput model)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        if (model.SampleShape is { } wanted && !Fits(data.SampleShape, wanted))
        {
            throw new DatasetMismatchException($"{data.Name}: samples of {DatasetShapes.Format(data.SampleShape)} do not fit the model's input '{model.Name}', which takes {DatasetShapes.Format(wanted)} per sample ({Difference(data.SampleShape, wanted)})");
        }
        if (model.ClassCount is { } classes && data.ClassCount > classes)
        {
            throw new DatasetMismatchException($"{data.Name}: the data has {data.ClassCount} classes (labels 0–{data.ClassCount - 1}) but the model gives {classes} (input '{model.Name}' of {(model.SampleShape is { } s ? DatasetShapes.Format(s) : "any shape")}, data {DatasetShapes.Format(data.SampleShape)})");
        }
    }

    /// <summary>Checks every part of a split.</summary>
    public static void Check(DatasetSplit split, ModelInput model)
    {
        ArgumentNullException.ThrowIfNull(split);
        foreach (var part in split.Parts)
        {
            Check(part, model);
        }
    }

    /// <summary>Whether samples of <paramref name="sample"/> can feed an input taking <paramref name="model"/> per sample.</summary>
    public static bool Fits(IReadOnlyList<int> sample, IReadOnlyList<int?> model)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(model);
        if (Matches(sample, model) || Matches([.. sample.Where(d => d != 1)], [.. model.Where(d => d != 1)]))
        {
            return true;
        }
        var size = sample.Aggregate(1L, (a, b) => a * b);
        return model.All(d => d is not null) && model.Aggregate(1L, (a, b) => a * b!.Value) == size && (model.Count == 1 || sample.Count == 1);
    }

    private static bool Matches(IReadOnlyList<int> sample, IReadOnlyList<int?> model) =>
        sample.Count == model.Count && sample.Zip(model).All(p => p.Second is null || p.First == p.Second);

    // Says which part differs: the rank, the channels, the image size or the channel axis.
    private static string Difference(IReadOnlyList<int> sample, IReadOnlyList<int?> model)
    {
        if (sample.Count != 3 || model.Count != 3)
        {
            var values = model.All(d => d is not null) ? $"; {sample.Aggregate(1L, (a, b) => a * b)} values vs {model.Aggregate(1L, (a, b) => a * b!.Value)}" : "";
            return $"rank {sample.Count} vs {model.Count}{values}";
        }
        var data = ImageTarget.From([.. sample.Select(d => (int?)d)], SampleLayout.Auto);
        var wanted = ImageTarget.From(model, SampleLayout.Auto);
        var parts = new List<string>();
        if (data.Channels != wanted.Channels && wanted.Channels is not null)
        {
            parts.Add($"channels {data.Channels} vs {wanted.Channels}");
        }
        if ((wanted.Height is not null && data.Height != wanted.Height) || (wanted.Width is not null && data.Width != wanted.Width))
        {
            parts.Add($"size {data.Height}×{data.Width} vs {DatasetShapes.Format([wanted.Height, wanted.Width])}");
        }
        if (parts.Count == 0)
        {
            parts.Add($"channels {(data.ChannelsLast ? "last" : "first")} vs {(wanted.ChannelsLast ? "last" : "first")}");
        }
        return string.Join(", ", parts);
    }
}
