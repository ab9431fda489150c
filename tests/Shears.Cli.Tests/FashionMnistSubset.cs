using Shears.Data;
using Shears.Testing;

namespace Shears.Cli.Tests;

/// <summary>
/// The first images of the installed Fashion-MNIST, written as a dataset folder of their own, so a
/// command reads real images but only a few hundred of them. Written on first use and deleted with the fixture.
/// </summary>
public sealed class FashionMnistSubset : IDisposable
{
    public const int TrainCount = 300;

    /// <summary>Not a multiple of any batch size the tests use, so the last batch is short.</summary>
    public const int TestCount = 150;

    private readonly Lazy<string> _folder = new(Write);

    public string Folder => _folder.Value;

    public void Dispose()
    {
        if (_folder.IsValueCreated)
        {
            Directory.Delete(_folder.Value, recursive: true);
        }
    }

    private static string Write()
    {
        var source = FashionMnist.Locate();
        var folder = Directory.CreateTempSubdirectory("shears-cli-fmnist-").FullName;
        Copy(source.TrainImages, TrainCount, Path.Combine(folder, "train-images-idx3-ubyte"));
        Copy(source.TrainLabels, TrainCount, Path.Combine(folder, "train-labels-idx1-ubyte"));
        Copy(source.TestImages, TestCount, Path.Combine(folder, "t10k-images-idx3-ubyte"));
        Copy(source.TestLabels, TestCount, Path.Combine(folder, "t10k-labels-idx1-ubyte"));
        return folder;
    }

    // The first `count` entries along the first axis, uncompressed.
    private static void Copy(string path, int count, string destination)
    {
        var array = IdxReader.Read(path);
        var dims = array.Dimensions.ToArray();
        var perItem = array.Data.Length / dims[0];
        dims[0] = count;
        File.WriteAllBytes(destination, IdxEncoding.Encode(IdxEncoding.UnsignedByte, dims, array.Data.AsSpan(0, count * perItem)));
    }
}
