using Shears.Data;

namespace Shears.Tests.Data;

public sealed class FashionMnistLocatorTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Finds_plain_mnist_names_with_and_without_gz_and_either_separator()
    {
        WriteSplit(_files.Folder, "train", ".gz", "-", 4);
        WriteSplit(_files.Folder, "t10k", "", ".", 2);
        var files = MnistFiles.Find(_files.Folder)!;
        Assert.EndsWith("train-images-idx3-ubyte.gz", files.TrainImages);
        Assert.EndsWith("t10k-labels.idx1-ubyte", files.TestLabels);

        var split = FashionMnist.Load(_files.Folder);
        Assert.Equal(4, split.Train.Count);
        Assert.Equal(2, split.Test.Count);
        Assert.Equal(FashionMnist.ClassCount, split.Train.ClassCount);
        Assert.Equal(split.Train.Normalization, split.Test.Normalization);
    }

    [Fact]
    public void Accepts_the_path_of_one_idx_file_or_a_parent_folder()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_files.Folder, "fashion-mnist")).FullName;
        WriteSplit(nested, "train", "", "-", 1);
        WriteSplit(nested, "t10k", "", "-", 1);
        Assert.Equal(nested, Path.GetDirectoryName(FashionMnist.Locate(_files.Folder).TrainImages));
        Assert.Equal(nested, Path.GetDirectoryName(FashionMnist.Locate(Path.Combine(nested, "t10k-labels-idx1-ubyte")).TrainImages));
    }

    [Fact]
    public void A_given_normalization_is_used_for_both_sets()
    {
        WriteSplit(_files.Folder, "train", "", "-", 3);
        WriteSplit(_files.Folder, "t10k", "", "-", 3);
        var norm = new Normalization(0.25f, 0.5f);
        var split = FashionMnist.Load(_files.Folder, norm);
        Assert.Equal(norm, split.Test.Normalization);
        Assert.Equal(-0.5f, split.Train.Pixels[0]);
    }

    [Fact]
    public void Absent_dataset_names_the_folder_and_the_debian_package()
    {
        var error = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Locate(_files.Folder));
        Assert.Equal($"Fashion-MNIST not found in {_files.Folder} (no train-images-idx3-ubyte[.gz]); install the Debian package dataset-fashion-mnist, set SHEARS_DATA or give the folder that holds it", error.Message);
        Assert.EndsWith("or pass --data DIR", error.Describe("pass --data DIR"), StringComparison.Ordinal);
        Assert.False(FashionMnist.IsAvailable(Path.Combine(_files.Folder, "no-such-folder")));
    }

    [Fact]
    public void Incomplete_folder_names_the_first_missing_file()
    {
        WriteSplit(_files.Folder, "train", "", "-", 1);
        var error = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Locate(_files.Folder));
        Assert.Contains("(no t10k-images-idx3-ubyte[.gz])", error.Message);
    }

    [Fact]
    public void The_environment_variable_overrides_the_default_folder()
    {
        Assert.Equal("/data/fm", FashionMnist.SearchPathFrom("/data/fm"));
        Assert.Equal(FashionMnist.DefaultDirectory, FashionMnist.SearchPathFrom(null));
        Assert.Equal(FashionMnist.DefaultDirectory, FashionMnist.SearchPathFrom(""));
    }

    private static void WriteSplit(string folder, string prefix, string extension, string separator, int count)
    {
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        var images = IdxFiles.Images(count, 28, 28);
        var imagesName = $"{prefix}-images{separator}idx3-ubyte{extension}";
        var labelsName = $"{prefix}-labels{separator}idx1-ubyte{extension}";
        File.WriteAllBytes(Path.Combine(folder, imagesName), extension == ".gz" ? IdxFiles.Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(folder, labelsName), IdxFiles.Labels(labels));
    }
}
