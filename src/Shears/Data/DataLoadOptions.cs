namespace Shears.Data;

/// <summary>
/// How <see cref="DatasetLoader"/> turns a user's files into samples. By default nothing is
/// normalised: images become values in [0, 1] (byte / 255), arrays and CSV values stay as given.
/// </summary>
public sealed record DataLoadOptions
{
    /// <summary>Image folders: resize every image to this size first (default: the model's input size when no crop is given).</summary>
    public ImageSize? Resize { get; init; }

    /// <summary>Image folders: cut this size out of the centre after resizing.</summary>
    public ImageSize? Crop { get; init; }

    /// <summary>Per-channel mean subtracted from every value (one value for all channels, or one per channel).</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-channel divisor applied after the mean (one value, or one per channel); e.g. 255 scales bytes to [0, 1].</summary>
    public IReadOnlyList<float>? StandardDeviation { get; init; }

    /// <summary>Channels first or last in each sample; <see cref="SampleLayout.Auto"/> follows the model's input shape.</summary>
    public SampleLayout Layout { get; init; } = SampleLayout.Auto;

    /// <summary>Fraction of the training data held out, seeded, as the validation part; 0 holds out nothing.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Seed of the validation split.</summary>
    public ulong Seed { get; init; }

    /// <summary>A separate test set in any supported format; it replaces a test part the main data has.</summary>
    public string? TestPath { get; init; }

    /// <summary>CSV: the label column, by header name or 0-based index (default: a column named "label", else the last).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>.npz or .npy folder: the inputs array's name (default: x, inputs, images, data, features or X).</summary>
    public string? InputsArray { get; init; }

    /// <summary>.npz or .npy folder: the labels array's name (default: y, labels, targets).</summary>
    public string? LabelsArray { get; init; }

    /// <summary>Throws an <see cref="InvalidOptionException"/> naming the first impossible value.</summary>
    public void Validate()
    {
        foreach (var (size, option) in new[] { (Resize, nameof(Resize)), (Crop, nameof(Crop)) })
        {
            if (size is { } s && (s.Height <= 0 || s.Width <= 0))
            {
                throw new InvalidOptionException($"{option} must have a positive height and width, got {s}", option);
            }
        }
        if (Mean is { } mean && (mean.Count == 0 || mean.Any(m => !float.IsFinite(m))))
        {
            throw new InvalidOptionException($"{nameof(Mean)} must be one or more finite numbers", nameof(Mean));
        }
        if (StandardDeviation is { } std && (std.Count == 0 || std.Any(s => !float.IsFinite(s) || s <= 0)))
        {
            throw new InvalidOptionException($"{nameof(StandardDeviation)} must be one or more positive numbers", nameof(StandardDeviation));
        }
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new InvalidOptionException($"{nameof(ValidationFraction)} must be in [0, 1), got {ValidationFraction}", nameof(ValidationFraction));
        }
        if (!Enum.IsDefined(Layout))
        {
            throw new InvalidOptionException($"{nameof(Layout)} {(int)Layout} is not a layout", nameof(Layout));
        }
    }
}
