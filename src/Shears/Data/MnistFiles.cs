namespace Shears.Data;

/// <summary>
/// The four files of a dataset in MNIST layout (training and test images and labels) and how to find
/// them in a folder under the usual names: <c>train-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>
/// and so on, with <c>-</c> or <c>.</c> before <c>idx</c>, gzip-compressed (<c>.gz</c>) or not.
/// </summary>
public sealed record MnistFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    // In the order of the record's parameters.
    private static readonly string[] Stems = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
    private static readonly string[] Separators = ["-", "."];
    private static readonly string[] Extensions = [".gz", ""];

    /// <summary>The four files in <paramref name="directory"/>, or null when any is missing.</summary>
    public static MnistFiles? Find(string directory) =>
        TryFind(directory, out var files, out _) ? files : null;

    /// <summary>Finds the four files, or names the first one missing.</summary>
    public static bool TryFind(string directory, out MnistFiles? files, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(directory);
        files = null;
        missing = null;
        var found = new string[Stems.Length];
        for (var i = 0; i < Stems.Length; i++)
        {
            if (FindFile(directory, Stems[i]) is not { } path)
            {
                missing = $"{Stems[i]}[.gz]";
                return false;
            }
            found[i] = path;
        }
        files = new MnistFiles(found[0], found[1], found[2], found[3]);
        return true;
    }

    /// <summary>The file for one role, given as its canonical stem such as <c>train-images-idx3-ubyte</c>.</summary>
    private static string? FindFile(string directory, string stem)
    {
        var dash = stem.IndexOf("-idx", StringComparison.Ordinal);
        foreach (var separator in Separators)
        {
            var name = string.Concat(stem.AsSpan(0, dash), separator, stem.AsSpan(dash + 1));
            foreach (var extension in Extensions)
            {
                var path = Path.Combine(directory, name + extension);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        return null;
    }
}
