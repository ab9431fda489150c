using Shears.Data;
using Shears.Testing;

namespace Shears.Tests.Data;

public sealed class ImageFolderReaderTests
{
    // 4 rows × 3 columns of distinct gray values.
    private static readonly byte[] Gray = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255];

    private static byte[] Rgb(int pixels) => [.. Enumerable.Range(0, pixels * 3).Select(i => (byte)(i * 7))];

    [Fact]
    public void Classes_follow_ordinal_folder_names_and_values_are_bytes_over_255()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("zebra/b.png"), 3, 4, Gray);
        ImageFiles.Write(folder.File("zebra/a.png"), 3, 4, [.. Gray.Reverse()]);
        ImageFiles.Write(folder.File("Ant/x.png"), 3, 4, Gray);
        folder.WriteText("Ant/notes.txt", "not an image");

        var data = ImageFolderReader.Read(folder.Path, targetSampleShape: [1, 4, 3]);

        Assert.Equal(["Ant", "zebra"], data.ClassNames!.Value.ToArray());
        Assert.Equal([0, 1, 1], data.Labels.ToArray());
        Assert.Equal([1, 4, 3], data.SampleShape.ToArray());
        Assert.Equal(Gray.Select(b => b / 255f), data.Sample(0).ToArray());
        Assert.Equal(Gray.Reverse().Select(b => b / 255f), data.Sample(1).ToArray());
        Assert.Equal(Gray.Select(b => b / 255f), data.Sample(2).ToArray());
    }

    [Fact]
    public void Rgb_is_laid_out_channels_first_or_last_as_the_target_says()
    {
        using var folder = new TemporaryDirectory();
        var pixels = Rgb(10);
        ImageFiles.Write(folder.File("c/0.png"), 2, 5, pixels);

        var first = ImageFolderReader.Read(folder.Path, targetSampleShape: [3, 5, 2]);
        var last = ImageFolderReader.Read(folder.Path, targetSampleShape: [5, 2, 3]);

        Assert.Equal([3, 5, 2], first.SampleShape.ToArray());
        Assert.Equal([5, 2, 3], last.SampleShape.ToArray());
        Assert.Equal(pixels.Select(b => b / 255f), last.Sample(0).ToArray());
        for (var p = 0; p < 10; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(pixels[(p * 3) + c] / 255f, first.Sample(0)[(c * 10) + p]);
            }
        }
    }

    [Fact]
    public void Grayscale_from_colour_is_luma_and_mean_std_apply_per_channel()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("c/0.png"), 1, 1, [200, 100, 50]);

        var gray = ImageFolderReader.Read(folder.Path, targetSampleShape: [1, 1, 1]);
        var normalised = ImageFolderReader.Read(folder.Path, new DataLoadOptions { Mean = [0.5f, 0.25f, 0f], StandardDeviation = [0.5f, 1f, 2f] }, [3, 1, 1]);

        // ITU-R 601 luma: (200·299 + 100·587 + 50·114 + 500) / 1000 = 124.
        Assert.Equal(124 / 255f, gray.Sample(0)[0]);
        Assert.Equal([((200 / 255f) - 0.5f) / 0.5f, (100 / 255f) - 0.25f, 50 / 255f / 2f], normalised.Sample(0).ToArray());
    }

    [Fact]
    public void Resize_and_centre_crop()
    {
        using var folder = new TemporaryDirectory();
        var pixels = Enumerable.Range(0, 36).Select(i => (byte)(i * 7)).ToArray();
        ImageFiles.Write(folder.File("c/big.png"), 6, 6, pixels);
        ImageFiles.Write(folder.File("d/flat.png"), 8, 8, [.. Enumerable.Repeat((byte)77, 64)]);

        var cropped = ImageFolderReader.Read(Path.Combine(folder.Path), new DataLoadOptions { Resize = new ImageSize(6, 6), Crop = new ImageSize(2, 2) }, [1, 2, 2]);
        // The centre 2×2 of the 6×6: rows 2–3, columns 2–3.
        Assert.Equal(new[] { 14, 15, 20, 21 }.Select(i => pixels[i] / 255f), cropped.Sample(0).ToArray());

        // Without options the model's size is the resize: a uniform image stays uniform.
        var resized = ImageFolderReader.Read(folder.Path, targetSampleShape: [1, 3, 3]);
        Assert.Equal([1, 3, 3], resized.SampleShape.ToArray());
        Assert.All(resized.Sample(1).ToArray(), v => Assert.Equal(77 / 255f, v, 1e-6f));
    }

    [Fact]
    public void Jpeg_decodes_and_a_flat_target_picks_the_channels()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("c/0.jpg"), 4, 3, [.. Enumerable.Repeat((byte)128, 12)], jpeg: true);

        var data = ImageFolderReader.Read(folder.Path, targetSampleShape: [12]);

        Assert.Equal([1, 3, 4], data.SampleShape.ToArray());
        Assert.All(data.Sample(0).ToArray(), v => Assert.InRange(v * 255, 126, 130));
    }

    [Fact]
    public void Images_of_different_sizes_without_a_resize_name_both_files()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("c/a.png"), 3, 4, Gray);
        ImageFiles.Write(folder.File("c/b.png"), 2, 2, [1, 2, 3, 4]);
        var error = Assert.Throws<ShearsException>(() => ImageFolderReader.Read(folder.Path));
        Assert.Contains("b.png is 2×2 but", error.Message, StringComparison.Ordinal);
        Assert.Contains("a.png is 4×3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_image_names_its_file()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("c/a.png"), 3, 4, Gray);
        var bytes = File.ReadAllBytes(folder.File("c/a.png"));
        folder.Write("c/b.png", bytes[..(bytes.Length / 2)]);
        folder.Write("c/c.png", [1, 2, 3]);
        var error = Assert.Throws<ShearsException>(() => ImageFolderReader.Read(folder.Path));
        Assert.Contains("b.png", error.Message, StringComparison.Ordinal);
        File.Delete(folder.File("c/b.png"));
        Assert.Contains("c.png", Assert.Throws<ShearsException>(() => ImageFolderReader.Read(folder.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_folder_takes_the_training_classes_and_refuses_others()
    {
        using var folder = new TemporaryDirectory();
        ImageFiles.Write(folder.File("test/b/0.png"), 3, 4, Gray);
        var data = ImageFolderReader.Read(folder.File("test"), classNames: ["a", "b", "c"]);
        Assert.Equal([1], data.Labels.ToArray());
        Assert.Equal(3, data.ClassCount);
        Assert.Contains("class 'b' is not one of the training set's 1 classes (a)", Assert.Throws<ShearsException>(() => ImageFolderReader.Read(folder.File("test"), classNames: ["a"])).Message, StringComparison.Ordinal);
    }
}
