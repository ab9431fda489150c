using System.Text.Json;
using Shears.Data;
using Shears.Models;
using Shears.Testing;

namespace Shears.Cli.Tests;

/// <summary>The shared data options: other formats reach the same numbers, mismatches and nonsense values are one line.</summary>
public sealed class DataOptionTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    private static double Accuracy(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("accuracy").GetDouble();
    }

    [FashionMnistFact]
    public void Evaluate_reads_a_png_folder_and_npy_files_with_the_accuracy_of_the_idx_files()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        var test = FashionMnist.Load(subset.Folder, Normalization.UnitRange).Test;
        var images = IdxReader.Read(FashionMnist.Locate(subset.Folder).TestImages).Data;
        var labels = IdxReader.Read(FashionMnist.Locate(subset.Folder).TestLabels).Data;
        var png = FashionMnistConversion.WritePngFolder(folder.File("png"), images, labels, 28, 28, FashionMnist.ClassCount);
        FashionMnistConversion.WriteNpy(folder.File("x.npy"), folder.File("y.npy"), images, labels, 28, 28);

        var fromIdx = Accuracy(CliRun.Of("evaluate", model, "--data", subset.Folder, "--json"));
        var fromPng = Accuracy(CliRun.Of("evaluate", model, "--data", png + "/", "--json"));
        var fromNpy = Accuracy(CliRun.Of("evaluate", model, "--data", $"{folder.File("x.npy")},{folder.File("y.npy")}", "--json"));

        Assert.Equal(FashionMnistSubset.TestCount, test.Count);
        Assert.Equal(fromIdx, fromPng);
        Assert.Equal(fromIdx, fromNpy);
    }

    [Fact]
    public void Arrays_with_other_channels_or_size_name_both_shapes()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        var labels = folder.File("y.npy");
        File.WriteAllBytes(labels, NpyEncoding.Labels([0, 1]));
        File.WriteAllBytes(folder.File("rgb.npy"), NpyEncoding.Floats([2, 3, 28, 28], new float[2 * 3 * 28 * 28]));
        File.WriteAllBytes(folder.File("big.npy"), NpyEncoding.Floats([2, 1, 32, 32], new float[2 * 32 * 32]));

        var channels = CliRun.Of("evaluate", model, "--data", $"{folder.File("rgb.npy")},{labels}");
        channels.AssertOneErrorLine(1, "samples of 3×28×28 do not fit the model's input 'input', which takes 1×28×28 per sample (channels 3 vs 1)");
        CliRun.Of("evaluate", model, "--data", $"{folder.File("big.npy")},{labels}").AssertOneErrorLine(1, "1×32×32 do not fit the model's input 'input', which takes 1×28×28 per sample (size 32×32 vs 28×28)");
    }

    [Fact]
    public void A_folder_with_more_classes_than_the_model_and_a_crop_of_another_size_are_refused()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        var pixels = new byte[28 * 28];
        for (var c = 0; c < 11; c++)
        {
            ImageFiles.Write(folder.File($"images/c{c:D2}/0.png"), 28, 28, pixels);
        }
        CliRun.Of("evaluate", model, "--data", folder.File("images")).AssertOneErrorLine(1, "the data has 11 classes (labels 0–10) but the model gives 10 (input 'input' of 1×28×28, data 1×28×28)");
        CliRun.Of("evaluate", model, "--data", folder.File("images"), "--crop", "20x20").AssertOneErrorLine(1, "(size 20×20 vs 28×28)");
    }

    [Fact]
    public void Train_checks_the_data_against_the_built_model_before_training()
    {
        using var folder = new TemporaryFolder();
        var labels = folder.File("y.npy");
        File.WriteAllBytes(labels, NpyEncoding.Labels([0, 1]));
        File.WriteAllBytes(folder.File("x.npy"), NpyEncoding.Floats([2, 3, 28, 28], new float[2 * 3 * 28 * 28]));
        var output = folder.File("out.onnx");
        CliRun.Of("train", "--arch", "cnn", "--epochs", "1", "--data", $"{folder.File("x.npy")},{labels}", "-o", output).AssertOneErrorLine(1, "channels 3 vs 1");
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--resize", "0x5", "--resize '0x5'")]
    [InlineData("--crop", "big", "--crop 'big'")]
    [InlineData("--mean", "0.5,x", "--mean '0.5,x'")]
    [InlineData("--std", "0", "--std '0'")]
    [InlineData("--layout", "chw", "--layout 'chw'")]
    [InlineData("--validation-split", "1.5", "--validation-split 1.5")]
    [InlineData("--validation-split", "half", "half")]
    public void Nonsense_data_option_values_are_usage_errors(string option, string value, string mentions)
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("evaluate", model, option, value).AssertOneErrorLine(2, mentions);
    }

    [Fact]
    public void Csv_with_an_unknown_label_column_names_the_flag()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Model(Architecture.Mlp, "mlp.onnx");
        var csv = folder.File("d.csv");
        File.WriteAllText(csv, "a,b\n1,0\n");
        CliRun.Of("evaluate", model, "--data", csv, "--label-column", "class").AssertOneErrorLine(1, "--label-column 'class' is not a column");
    }
}
