namespace Shears.Data;

/// <summary>
/// Finds and loads Fashion-MNIST (or any dataset in MNIST file layout): from a given folder or
/// IDX file, else the folder named by <see cref="DataEnvironmentVariable"/>, else the folder the
/// Debian package <see cref="DebianPackage"/> installs.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <see cref="DebianPackage"/> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable naming a folder with the files (or with a <c>fashion-mnist</c> sub-folder).</summary>
    public const string DataEnvironmentVariable = "SHEARS_DATA";

    /// <summary>The Debian package that installs Fashion-MNIST in <see cref="DefaultDirectory"/>.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>Number of classes (labels 0 to 9; see <see cref="ClassNames"/>).</summary>
    public const int ClassCount = 10;

    /// <summary>Label names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The folder searched when no path is given: <see cref="DataEnvironmentVariable"/> if set, else <see cref="DefaultDirectory"/>.</summary>
    public static string DefaultSearchPath => SearchPathFrom(Environment.GetEnvironmentVariable(DataEnvironmentVariable));

    /// <summary>The folder to search given the environment variable's value (kept apart so tests need not change the process environment).</summary>
    internal static string SearchPathFrom(string? environmentValue) =>
        string.IsNullOrEmpty(environmentValue) ? DefaultDirectory : environmentValue;

    /// <summary>True when <see cref="Locate"/> would find the four files.</summary>
    public static bool IsAvailable(string? path = null) => TryLocate(path ?? DefaultSearchPath, out _, out _);

    /// <summary>
    /// The four files under <paramref name="path"/>: a folder holding them (directly or in a
    /// <c>fashion-mnist</c> sub-folder) or one of the IDX files; null searches the default.
    /// </summary>
    public static MnistFiles Locate(string? path = null)
    {
        var searched = path ?? DefaultSearchPath;
        if (TryLocate(searched, out var files, out var missing))
        {
            return files!;
        }
        throw new DatasetNotFoundException(searched, missing);
    }

    /// <summary>
    /// Loads the training and test sets. Both are normalised with <paramref name="normalization"/>, or only scaled to
    /// [0, 1] when it is null: the raw pixels any runtime would feed, which models Shears writes normalise themselves
    /// (see <see cref="Preprocessing.InGraphNormalization"/>).
    /// </summary>
    public static TrainTestSplit Load(string? path = null, Normalization? normalization = null)
    {
        var files = Locate(path);
        var trainImages = IdxReader.Read(files.TrainImages);
        var norm = normalization ?? Normalization.UnitRange;
        var train = ImageClassificationDataset.FromIdx(trainImages, IdxReader.Read(files.TrainLabels), norm, ClassCount);
        var test = ImageClassificationDataset.FromIdx(files.TestImages, files.TestLabels, norm, ClassCount);
        return new TrainTestSplit(train, test);
    }

    private static bool TryLocate(string path, out MnistFiles? files, out string? missing)
    {
        files = null;
        missing = null;
        var directory = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        if (!Directory.Exists(directory))
        {
            return false;
        }
        var nested = Path.Combine(directory, "fashion-mnist");
        return MnistFiles.TryFind(directory, out files, out missing)
            || (Directory.Exists(nested) && MnistFiles.TryFind(nested, out files, out _));
    }
}
