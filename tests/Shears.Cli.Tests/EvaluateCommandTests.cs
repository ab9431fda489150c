using System.Text.Json;
using Shears.Data;
using Shears.Evaluation;
using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

/// <summary>`shears evaluate` on a Fashion-MNIST subset: its JSON, agreement with the evaluator in process, and bad input.</summary>
public sealed class EvaluateCommandTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    [FashionMnistFact]
    public void Json_has_every_field_with_its_type_and_the_evaluators_figures()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");

        var run = CliRun.Of("evaluate", path, "--data", subset.Folder, "--batch", "64", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(path, root.GetProperty("model").GetString());
        Assert.Equal(FashionMnistSubset.TestCount, root.GetProperty("samples").GetInt32());
        Assert.True(root.GetProperty("threads").GetInt32() >= 1);
        foreach (var batch in new[] { "1", "128" })
        {
            var median = root.GetProperty($"latencyMsBatch{batch}").GetDouble();
            var p90 = root.GetProperty($"p90MsBatch{batch}").GetDouble();
            Assert.True(median > 0 && p90 >= median, $"batch {batch}: median {median} ms, p90 {p90} ms");
        }

        // The same model and data in process, at another batch size: the figures must not depend on it.
        var expected = ClassifierEvaluator.Evaluate(OnnxReader.Read(path), FashionMnist.Load(subset.Folder, Normalization.UnitRange).Test, batchSize: 256);
        Assert.Equal(expected.Accuracy, root.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(expected.Loss, root.GetProperty("loss").GetDouble(), 5);
        Assert.True(expected.Loss > 0);
    }

    [FashionMnistFact]
    public void Table_shows_the_test_images_and_the_accuracy()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");
        var expected = ClassifierEvaluator.Evaluate(OnnxReader.Read(path), FashionMnist.Load(subset.Folder, Normalization.UnitRange).Test);

        var run = CliRun.Of("evaluate", path, "--data", subset.Folder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Test images", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{expected.Accuracy * 100:0.00}%", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_file_is_an_input_error()
    {
        CliRun.Of("evaluate", "/no/such/model.onnx", "--json").AssertOneErrorLine(1, "not found");
    }

    [Fact]
    public void Corrupt_model_is_an_input_error()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("corrupt.onnx");
        var bytes = OnnxWriter.ToBytes(ModelZoo.Build(Architecture.Mlp));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        CliRun.Of("evaluate", path).AssertOneErrorLine(1, "corrupt.onnx");
    }

    [Fact]
    public void Data_folder_that_does_not_exist_is_an_input_error()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("evaluate", path, "--data", "/no/such/folder").AssertOneErrorLine(1, "/no/such/folder");
    }

    [Fact]
    public void Data_folder_without_the_files_names_the_missing_one()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("evaluate", path, "--data", folder.Path).AssertOneErrorLine(1, "train-images-idx3-ubyte");
    }

    [Theory]
    [InlineData("--batch", "0", "--batch")]
    [InlineData("--batch", "-3", "--batch")]
    [InlineData("--batch", "many", "many")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--threads", "two", "two")]
    public void Nonsense_option_values_are_usage_errors(string option, string value, string mentions)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("evaluate", path, option, value).AssertOneErrorLine(2, mentions);
    }

    [FashionMnistFact]
    public void Model_that_takes_other_images_is_an_input_error()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("small.onnx");
        OnnxWriter.Write(ModelZoo.Build(Architecture.Mlp, options: new MlpOptions { InputShape = new ImageShape(1, 2, 5) }), path);
        CliRun.Of("evaluate", path, "--data", subset.Folder).AssertOneErrorLine(1, "1×28×28");
    }
}
