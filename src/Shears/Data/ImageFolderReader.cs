namespace Shears.Data;

/// <summary>
/// Reads a folder of labelled images: one sub-folder per class, classes labelled in ordinal order of
/// their names, images (PNG or JPEG, decoded by SkiaSharp) in ordinal order of their file names, so the
/// same folder always gives the same dataset. Images are resized, centre-cropped, made grayscale or RGB
/// and laid out channels first or last as the options and the model's input shape say; values are
/// byte / 255 unless a mean and deviation are given.
/// </summary>
public static class ImageFolderReader
{
    /// <summary>File extensions read as images (case-insensitive); other files are skipped.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg"];

    /// <summary>True when the file's extension is one of <see cref="Extensions"/> and its name does not start with a dot (hidden files).</summary>
    public static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) && !Path.GetFileName(path).StartsWith('.');

    /// <summary>True when <paramref name="directory"/> has a sub-folder holding at least one image.</summary>
    public static bool HoldsClassFolders(string directory) =>
        Directory.Exists(directory) && ClassFolders(directory).Any(d => Directory.EnumerateFiles(d).Any(IsImageFile));

    /// <summary>Reads every image under the class sub-folders of <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding one sub-folder per class.</param>
    /// <param name="options">Resize, crop, colour, layout and normalisation; null uses the defaults.</param>
    /// <param name="targetSampleShape">The model's input shape per sample ([1, 28, 28], [224, 224, 3], [784]; null for a symbolic extent) or null.</param>
    /// <param name="classNames">The classes of the training set, when this is its test set: labels follow them and no other class may appear.</param>
    public static LabelledDataset Read(string directory, DataLoadOptions? options = null, IReadOnlyList<int?>? targetSampleShape = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new DataLoadOptions();
        options.Validate();
        if (!Directory.Exists(directory))
        {
            throw new ShearsException($"{directory}: no such folder");
        }
        var folders = ClassFolders(directory).ToList();
        var names = classNames?.ToList() ?? folders.Select(f => Path.GetFileName(f)).ToList();
        var files = new List<(string Path, int Label)>();
        foreach (var folder in folders)
        {
            var label = names.IndexOf(Path.GetFileName(folder));
            if (label < 0)
            {
                throw new ShearsException($"{folder}: class '{Path.GetFileName(folder)}' is not one of the training set's {names.Count} classes ({string.Join(", ", names)})");
            }
            files.AddRange(Directory.EnumerateFiles(folder).Where(IsImageFile).Order(StringComparer.Ordinal).Select(f => (f, label)));
        }
        if (files.Count == 0)
        {
            throw new ShearsException($"{directory}: no PNG or JPEG images in class sub-folders (expected {directory}/CLASS/IMAGE.png)");
        }

        var target = ImageTarget.From(targetSampleShape, options.Layout);
        var resize = options.Resize ?? (options.Crop is null ? target.Size : null);
        var crop = options.Crop ?? (options.Resize is not null && target.Size is { } wanted && wanted != options.Resize ? wanted : null);
        var first = ImageDecoder.Decode(files[0].Path, resize, crop);
        var size = first.Size;
        var channels = target.ChannelsFor(size);
        if (channels is not (1 or 3))
        {
            // Read as RGB; the compatibility check then names both shapes.
            channels = 3;
        }
        var shape = target.ChannelsLast ? new[] { size.Height, size.Width, channels } : [channels, size.Height, size.Width];
        var sampleSize = channels * size.Height * size.Width;
        var values = new float[checked((long)files.Count * sampleSize)];
        var labels = new int[files.Count];
        var mean = SampleArrangement.PerChannel(options.Mean, 0f, channels, nameof(DataLoadOptions.Mean), directory);
        var std = SampleArrangement.PerChannel(options.StandardDeviation, 1f, channels, nameof(DataLoadOptions.StandardDeviation), directory);
        for (var i = 0; i < files.Count; i++)
        {
            var image = i == 0 ? first : ImageDecoder.Decode(files[i].Path, resize, crop);
            if (image.Size != size)
            {
                throw new ShearsException($"{files[i].Path} is {image.Size} but {files[0].Path} is {size}; give a resize size so all images match");
            }
            image.WriteSample(values.AsSpan(i * sampleSize, sampleSize), channels, target.ChannelsLast, mean, std);
            labels[i] = files[i].Label;
        }
        return new LabelledDataset(values, labels, shape, names.Count, directory, names);
    }

    private static IEnumerable<string> ClassFolders(string directory) =>
        Directory.EnumerateDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal);
}
