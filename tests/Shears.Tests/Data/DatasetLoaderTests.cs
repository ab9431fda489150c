using System.IO.Compression;
using Shears.Data;
using Shears.Testing;

namespace Shears.Tests.Data;

public sealed class DatasetLoaderTests
{
    private static byte[] Values(int count, int size) => NpyEncoding.Floats([count, size], [.. Enumerable.Range(0, count * size).Select(i => (float)i)]);

    private static byte[] Labels(int count, int classes = 3) => NpyEncoding.Labels([.. Enumerable.Range(0, count).Select(i => i % classes)]);

    [Fact]
    public void Detects_every_format()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.Write("pair/x.npy", Values(4, 2));
        var y = folder.Write("pair/y.npy", Labels(4));
        folder.WriteText("table.csv", "1,0\n");
        ImageFiles.Write(folder.File("images/cat/0.png"), 2, 2, [1, 2, 3, 4]);
        File.WriteAllBytes(folder.File("arrays.npz"), []);
        Directory.CreateDirectory(folder.File("idx"));
        File.WriteAllBytes(folder.File("idx/train-images-idx3-ubyte"), IdxEncoding.Encode(IdxEncoding.UnsignedByte, [1, 1, 1], [0]));
        foreach (var name in new[] { "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(folder.File("idx/" + name), []);
        }

        Assert.Equal(DataFormat.NpyPair, DatasetLoader.Detect($"{x},{y}"));
        Assert.Equal(DataFormat.NpyFolder, DatasetLoader.Detect(folder.File("pair")));
        Assert.Equal(DataFormat.Csv, DatasetLoader.Detect(folder.File("table.csv")));
        Assert.Equal(DataFormat.ImageFolder, DatasetLoader.Detect(folder.File("images")));
        Assert.Equal(DataFormat.Npz, DatasetLoader.Detect(folder.File("arrays.npz")));
        Assert.Equal(DataFormat.Idx, DatasetLoader.Detect(folder.File("idx")));
        Assert.Equal(DataFormat.Idx, DatasetLoader.Detect("fashion-mnist"));
        Assert.Contains("holds one array", Assert.Throws<ShearsException>(() => DatasetLoader.Detect(x)).Message, StringComparison.Ordinal);
        Assert.Contains("no such file or folder", Assert.Throws<ShearsException>(() => DatasetLoader.Detect(folder.File("nothing"))).Message, StringComparison.Ordinal);
        Directory.CreateDirectory(folder.File("empty"));
        Assert.Contains("no train-images-idx3-ubyte[.gz]", Assert.Throws<ShearsException>(() => DatasetLoader.Detect(folder.File("empty"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_split_is_seeded_disjoint_and_keeps_order()
    {
        using var folder = new TemporaryDirectory();
        var path = $"{folder.Write("x.npy", Values(100, 1))},{folder.Write("y.npy", Labels(100))}";
        var options = new DataLoadOptions { ValidationFraction = 0.2, Seed = 5 };

        var first = DatasetLoader.Load(path, options);
        var again = DatasetLoader.Load(path, options);
        var other = DatasetLoader.Load(path, options with { Seed = 6 });

        Assert.Equal(80, first.Train.Count);
        Assert.Equal(20, first.Validation!.Count);
        Assert.Null(first.Test);
        Assert.Equal("validation", first.EvaluationPart);
        var train = first.Train.Values.ToArray();
        var validation = first.Validation.Values.ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), train.Concat(validation).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(validation, again.Validation!.Values.ToArray());
        Assert.NotEqual(validation, other.Validation!.Values.ToArray());
        Assert.Equal(first.Train.Values.ToArray().Select(v => (int)v % 3), first.Train.Labels.ToArray());
    }

    [Fact]
    public void A_separate_test_set_is_the_evaluation_part_and_classes_cover_both()
    {
        using var folder = new TemporaryDirectory();
        var train = $"{folder.Write("x.npy", Values(6, 2))},{folder.Write("y.npy", Labels(6, 2))}";
        var test = folder.WriteText("test.csv", "f0,f1,label\n1,2,4\n");

        var split = DatasetLoader.Load(train, new DataLoadOptions { TestPath = test });

        Assert.Equal("test", split.EvaluationPart);
        Assert.Same(split.Test, split.Evaluation);
        Assert.Equal([4], split.Test!.Labels.ToArray());
        Assert.All(split.Parts, p => Assert.Equal(5, p.ClassCount));
    }

    [Fact]
    public void Npz_with_train_and_test_arrays_gives_both_and_names_can_be_chosen()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("d.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in new[] { ("x_train", Values(4, 3)), ("y_train", Labels(4)), ("x_test", Values(2, 3)), ("y_test", Labels(2)), ("other", Labels(4)) })
            {
                using var stream = zip.CreateEntry(name + ".npy").Open();
                stream.Write(bytes);
            }
        }
        var split = DatasetLoader.Load(path);
        Assert.Equal((4, 2), (split.Train.Count, split.Test!.Count));
        Assert.Equal([3], split.Train.SampleShape.ToArray());

        var named = DatasetLoader.Load(path, new DataLoadOptions { InputsArray = "x_train", LabelsArray = "other" });
        Assert.Null(named.Test);
        var error = Assert.ThrowsAny<ShearsException>(() => DatasetLoader.Load(path, new DataLoadOptions { InputsArray = "x_test", LabelsArray = "other" }));
        Assert.Contains("holds 2 samples but", error.Message, StringComparison.Ordinal);
        Assert.Contains("(it holds other, x_test, x_train, y_test, y_train)", Assert.Throws<InvalidOptionException>(() => DatasetLoader.Load(path, new DataLoadOptions { InputsArray = "images" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Channels_last_arrays_are_transposed_for_a_channels_first_model()
    {
        using var folder = new TemporaryDirectory();
        // One 2×2 RGB sample stored H×W×C: value = 10·pixel + channel.
        float[] hwc = [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32];
        var path = $"{folder.Write("x.npy", NpyEncoding.Floats([1, 2, 2, 3], hwc))},{folder.Write("y.npy", Labels(1))}";

        var asStored = DatasetLoader.Load(path, targetSampleShape: [2, 2, 3]).Train;
        var first = DatasetLoader.Load(path, targetSampleShape: [3, 2, 2]).Train;
        var normalised = DatasetLoader.Load(path, new DataLoadOptions { Mean = [0, 1, 2], StandardDeviation = [10] }, [2, 2, 3]).Train;

        Assert.Equal(hwc, asStored.Values.ToArray());
        Assert.Equal([3, 2, 2], first.SampleShape.ToArray());
        Assert.Equal([0f, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32], first.Values.ToArray());
        Assert.Equal([0f, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], normalised.Values.ToArray());
    }

    [Fact]
    public void Image_options_on_arrays_and_wrong_channel_counts_are_option_errors()
    {
        using var folder = new TemporaryDirectory();
        var path = $"{folder.Write("x.npy", Values(2, 4))},{folder.Write("y.npy", Labels(2))}";
        Assert.Contains("Resize applies to image folders only", Assert.Throws<InvalidOptionException>(() => DatasetLoader.Load(path, new DataLoadOptions { Resize = new ImageSize(2, 2) })).Message, StringComparison.Ordinal);
        Assert.Contains("Mean has 2 values but the samples have 1 channel(s)", Assert.Throws<InvalidOptionException>(() => DatasetLoader.Load(path, new DataLoadOptions { Mean = [1, 2] })).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionException>(() => DatasetLoader.Load(path, new DataLoadOptions { ValidationFraction = 1 }));
    }

    [Fact]
    public void An_image_folder_with_train_val_and_test_folders_gives_the_three_parts()
    {
        using var folder = new TemporaryDirectory();
        foreach (var (part, count) in new[] { ("train", 3), ("val", 2), ("test", 1) })
        {
            for (var i = 0; i < count; i++)
            {
                ImageFiles.Write(folder.File($"{part}/{(i % 2 == 0 ? "a" : "b")}/{i}.png"), 2, 2, [1, 2, 3, 4]);
            }
        }
        var split = DatasetLoader.Load(folder.Path, targetSampleShape: [1, 2, 2]);
        Assert.Equal((3, 2, 1), (split.Train.Count, split.Validation!.Count, split.Test!.Count));
        Assert.Equal(["a", "b"], split.Test.ClassNames!.Value.ToArray());
        Assert.Throws<InvalidOptionException>(() => DatasetLoader.Load(folder.Path, new DataLoadOptions { ValidationFraction = 0.5 }));
    }
}
