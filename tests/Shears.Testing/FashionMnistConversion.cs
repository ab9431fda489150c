namespace Shears.Testing;

/// <summary>
/// Writes the same labelled 8-bit images (N×H×W, one channel) as the other formats Shears reads: an image folder of
/// PNGs (one sub-folder per class, named so ordinal order is label order) and .npy files of float32 in [0, 1].
/// </summary>
public static class FashionMnistConversion
{
    /// <summary>Writes <paramref name="folder"/>/CLASS/NNNNN.png; returns the folder.</summary>
    public static string WritePngFolder(string folder, ReadOnlySpan<byte> images, ReadOnlySpan<byte> labels, int height, int width, int classCount)
    {
        var size = height * width;
        for (var c = 0; c < classCount; c++)
        {
            Directory.CreateDirectory(Path.Combine(folder, ClassFolder(c)));
        }
        for (var i = 0; i < labels.Length; i++)
        {
            ImageFiles.Write(Path.Combine(folder, ClassFolder(labels[i]), $"{i:D5}.png"), width, height, images.Slice(i * size, size));
        }
        return folder;
    }

    /// <summary>Writes INPUTS (N×1×H×W float32, byte / 255) and LABELS (N int64) .npy files.</summary>
    public static void WriteNpy(string inputsPath, string labelsPath, ReadOnlySpan<byte> images, ReadOnlySpan<byte> labels, int height, int width)
    {
        var values = new float[images.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = images[i] / 255f;
        }
        var classes = new int[labels.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = labels[i];
        }
        File.WriteAllBytes(inputsPath, NpyEncoding.Floats([labels.Length, 1, height, width], values));
        File.WriteAllBytes(labelsPath, NpyEncoding.Labels(classes));
    }

    /// <summary>"class-00", "class-01", …: ordinal order is label order.</summary>
    public static string ClassFolder(int label) => $"class-{label:D2}";
}
