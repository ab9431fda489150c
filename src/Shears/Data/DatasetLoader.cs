namespace Shears.Data;

/// <summary>
/// One entry point for a user's data: detects the format of a path (Fashion-MNIST/IDX, an image folder,
/// .npy, .npz or CSV), loads it in the layout the model's input wants, holds out a seeded validation part
/// and reads a separate test set. Values are raw unless the options give a mean and deviation: images
/// in [0, 1] (byte / 255), arrays and CSV as stored.
/// </summary>
public static class DatasetLoader
{
    /// <summary>The name that stands for the installed Fashion-MNIST (see <see cref="FashionMnist"/>).</summary>
    public const string FashionMnistName = "fashion-mnist";

    private static readonly string[] TestFolders = ["test"];
    private static readonly string[] ValidationFolders = ["val", "validation", "valid"];

    /// <summary>True when <paramref name="path"/> names the installed Fashion-MNIST rather than a path.</summary>
    public static bool IsFashionMnist(string? path) => path is null or FashionMnistName or "fashion_mnist";

    /// <summary>The format of the data at <paramref name="path"/>; throws naming what was looked for when none fits.</summary>
    public static DataFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsFashionMnist(path))
        {
            return DataFormat.Idx;
        }
        if (NpyPair(path) is not null)
        {
            return DataFormat.NpyPair;
        }
        if (File.Exists(path))
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".npz" => DataFormat.Npz,
                ".csv" => DataFormat.Csv,
                ".npy" => throw new ShearsException($"{path}: a .npy file holds one array; give the inputs and the labels as INPUTS.npy,LABELS.npy, or a folder holding x.npy and y.npy"),
                _ when FashionMnist.IsAvailable(path) => DataFormat.Idx,
                _ => throw new ShearsException($"{path}: not a dataset format Shears reads (.npz, .csv, a pair of .npy files, an IDX file, or a folder)"),
            };
        }
        if (!Directory.Exists(path))
        {
            throw new ShearsException($"{path}: no such file or folder");
        }
        if (FashionMnist.IsAvailable(path))
        {
            return DataFormat.Idx;
        }
        if (Directory.EnumerateFiles(path, "*.npy").Any())
        {
            return DataFormat.NpyFolder;
        }
        if (ImageFolderReader.HoldsClassFolders(path) || ImageFolderReader.HoldsClassFolders(Path.Combine(path, "train")))
        {
            return DataFormat.ImageFolder;
        }
        MnistFiles.TryFind(path, out _, out var missing);
        throw new ShearsException($"{path}: no dataset found: no MNIST-layout IDX files (no {missing}), no class sub-folders of PNG or JPEG images, no .npy files");
    }

    /// <summary>
    /// Loads the data at <paramref name="path"/> (null or "fashion-mnist": the installed Fashion-MNIST) and
    /// the options' test set, shaped for a model whose input takes <paramref name="targetSampleShape"/> per sample.
    /// </summary>
    /// <param name="path">A dataset file or folder (.npz, .csv, a pair of .npy files, IDX files, a folder of class sub-folders); null or "fashion-mnist" for the installed Fashion-MNIST.</param>
    /// <param name="options">Format, test set, validation split and image preprocessing; null uses the defaults.</param>
    /// <param name="targetSampleShape">The model's input shape without the batch axis ([1, 28, 28], [28, 28, 1], [784]; null entries symbolic); null when unknown.</param>
    public static DatasetSplit Load(string? path, DataLoadOptions? options = null, IReadOnlyList<int?>? targetSampleShape = null)
    {
        options ??= new DataLoadOptions();
        options.Validate();
        var (train, validation, test) = LoadParts(path, options, targetSampleShape, null);
        if (options.TestPath is { } testPath)
        {
            var separate = LoadParts(testPath, options, targetSampleShape, train.ClassNames);
            test = separate.Test ?? separate.Train;
        }
        if (options.ValidationFraction > 0)
        {
            if (validation is not null)
            {
                throw new InvalidOptionException($"{path}: the data has a validation part of its own; a ValidationFraction cannot be held out as well", nameof(DataLoadOptions.ValidationFraction));
            }
            (train, validation) = train.SplitOff(options.ValidationFraction, options.Seed);
        }
        var parts = new[] { train, validation, test }.OfType<LabelledDataset>().ToList();
        var classes = parts.Max(p => p.ClassCount);
        // A test set may lack the highest classes; every part counts the classes of all.
        return new DatasetSplit(train.WithClassCount(classes), validation?.WithClassCount(classes), test?.WithClassCount(classes));
    }

    /// <summary>Loads like <see cref="Load(string?, DataLoadOptions?, IReadOnlyList{int?}?)"/> for <paramref name="model"/>'s input, then checks every part fits it.</summary>
    public static DatasetSplit Load(string? path, DataLoadOptions? options, ModelInput model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var split = Load(path, options, model.SampleShape);
        DatasetCompatibility.Check(split, model);
        return split;
    }

    private static (LabelledDataset Train, LabelledDataset? Validation, LabelledDataset? Test) LoadParts(string? path, DataLoadOptions options, IReadOnlyList<int?>? target, IReadOnlyList<string>? classNames)
    {
        if (IsFashionMnist(path))
        {
            return Idx(null, options, target);
        }
        switch (Detect(path!))
        {
            case DataFormat.Idx:
                return Idx(path, options, target);
            case DataFormat.Csv:
                return (SampleArrangement.Arrange(CsvDatasetReader.Read(path!, options.LabelColumn), options, target), null, null);
            case DataFormat.NpyPair:
                var (inputs, labels) = NpyPair(path!)!.Value;
                return (SampleArrangement.Arrange(ArrayDataset.From(NpyReader.Read(inputs), NpyReader.Read(labels), inputs), options, target), null, null);
            case DataFormat.Npz:
                var arrays = NpzReader.Read(path!);
                return Arrays(arrays.Keys.ToList(), name => arrays[name], path!, options, target);
            case DataFormat.NpyFolder:
                var stems = Directory.EnumerateFiles(path!, "*.npy").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
                return Arrays(stems, name => NpyReader.Read(Path.Combine(path!, name + ".npy")), path!, options, target);
            default:
                return Images(path!, options, target, classNames);
        }
    }

    private static (LabelledDataset, LabelledDataset?, LabelledDataset?) Idx(string? path, DataLoadOptions options, IReadOnlyList<int?>? target)
    {
        // Raw [0, 1] pixels: a model carries its own normalisation; the user's mean and deviation apply on top.
        var split = FashionMnist.Load(path, Normalization.UnitRange);
        return (SampleArrangement.Arrange(LabelledDataset.From(split.Train), options, target), null, SampleArrangement.Arrange(LabelledDataset.From(split.Test), options, target));
    }

    private static (LabelledDataset, LabelledDataset?, LabelledDataset?) Arrays(IReadOnlyCollection<string> available, Func<string, NpyArray> read, string source, DataLoadOptions options, IReadOnlyList<int?>? target)
    {
        var names = ArrayDataset.Choose(available, options, source);
        LabelledDataset Part(string inputs, string labels) =>
            SampleArrangement.Arrange(ArrayDataset.From(read(inputs), read(labels), $"{source}[{inputs}]"), options, target);
        return (Part(names.Inputs, names.Labels), null, names.TestInputs is null ? null : Part(names.TestInputs, names.TestLabels!));
    }

    private static (LabelledDataset, LabelledDataset?, LabelledDataset?) Images(string path, DataLoadOptions options, IReadOnlyList<int?>? target, IReadOnlyList<string>? classNames)
    {
        var trainFolder = Path.Combine(path, "train");
        if (!ImageFolderReader.HoldsClassFolders(trainFolder))
        {
            return (ImageFolderReader.Read(path, options, target, classNames), null, null);
        }
        // A folder of train/, test/ and val/ folders, each with the same class sub-folders.
        var train = ImageFolderReader.Read(trainFolder, options, target, classNames);
        LabelledDataset? Part(string[] names) => names.Select(n => Path.Combine(path, n)).Where(ImageFolderReader.HoldsClassFolders)
            .Select(folder => ImageFolderReader.Read(folder, options, target, train.ClassNames)).FirstOrDefault();
        return (train, Part(ValidationFolders), Part(TestFolders));
    }

    // "a.npy,b.npy" when both files exist.
    private static (string Inputs, string Labels)? NpyPair(string path)
    {
        var parts = path.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts.All(p => p.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            ? parts.All(File.Exists) ? (parts[0], parts[1]) : throw new ShearsException($"{parts.First(p => !File.Exists(p))}: no such file")
            : null;
    }
}
