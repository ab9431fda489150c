using Shears.Models;
using Shears.Onnx;

namespace Shears.Cli.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void Missing_model_file_is_an_input_error()
    {
        CliRun.Of("analyze", "/no/such/model.onnx").AssertOneErrorLine(1, "not found");
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        CliRun.Of("analyze", "x.onnx", "--bogus").AssertOneErrorLine(2, "--bogus");
    }

    [Fact]
    public void Unknown_verb_is_a_usage_error()
    {
        CliRun.Of("frobnicate").AssertOneErrorLine(2, "frobnicate");
    }

    [Fact]
    public void Text_file_is_not_a_model()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("notes.onnx");
        File.WriteAllText(path, "this is not a model at all\n");
        CliRun.Of("analyze", path).AssertOneErrorLine(1, "not");
    }

    [Fact]
    public void Truncated_model_is_reported_and_not_changed()
    {
        using var folder = new TemporaryFolder();
        var bytes = OnnxWriter.ToBytes(ModelZoo.Build(Architecture.Cnn));
        var path = folder.File("cut.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var before = File.ReadAllBytes(path);
        CliRun.Of("analyze", path).AssertOneErrorLine(1, "cut.onnx");
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("--ratio", "1.5")]
    [InlineData("--ratio", "-0.2")]
    public void Impossible_ratio_writes_nothing(string option, string value)
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        var output = folder.File("out.onnx");
        CliRun.Of("prune", input, "-o", output, option, value).AssertOneErrorLine(1, "ratio");
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Library_option_errors_are_shown_with_the_cli_flags()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("prune", input, "-o", folder.File("out.onnx"), "--ratio", "1.5").AssertOneErrorLine(1, "--ratio must be in [0, 1), got 1.5");
        CliRun.Of("prune", input, "-o", folder.File("out.onnx"), "--ratio", "0.5", "--round-to", "0").AssertOneErrorLine(1, "--round-to must be at least 1, got 0");
        Assert.False(File.Exists(folder.File("out.onnx")));
    }

    [Fact]
    public void N_not_below_m_is_refused()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("prune", input, "-o", folder.File("out.onnx"), "--granularity", "n:m", "--n", "4", "--m", "4").AssertOneErrorLine(1, "N < M");
        Assert.False(File.Exists(folder.File("out.onnx")));
    }

    [Fact]
    public void Ignoring_a_node_that_does_not_exist_is_refused()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("prune", input, "-o", folder.File("out.onnx"), "--ratio", "0.5", "--ignore", "ghost").AssertOneErrorLine(1, "ghost");
    }

    [Fact]
    public void A_plan_for_another_model_is_refused()
    {
        using var folder = new TemporaryFolder();
        var mlp = folder.Model(Architecture.Mlp, "mlp.onnx");
        var cnn = folder.Model(Architecture.Cnn, "cnn.onnx");
        var plan = folder.File("plan.json");
        Assert.Equal(0, CliRun.Of("prune", mlp, "-o", folder.File("p.onnx"), "--ratio", "0.5", "--save-plan", plan).ExitCode);
        CliRun.Of("prune", cnn, "-o", folder.File("q.onnx"), "--plan", plan).AssertOneErrorLine(1, "another model");
        Assert.False(File.Exists(folder.File("q.onnx")));
    }

    [Fact]
    public void Output_over_the_input_is_refused()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        var before = File.ReadAllBytes(input);
        CliRun.Of("prune", input, "-o", input, "--ratio", "0.5").AssertOneErrorLine(2, "input");
        Assert.Equal(before, File.ReadAllBytes(input));
        CliRun.Of("train", "--from", input, "--epochs", "1", "-o", input).AssertOneErrorLine(2, "input");
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Unknown_granularity_lists_the_accepted_words()
    {
        using var folder = new TemporaryFolder();
        var input = folder.Model(Architecture.Mlp, "mlp.onnx");
        CliRun.Of("prune", input, "-o", folder.File("o.onnx"), "--granularity", "atoms", "--ratio", "0.1").AssertOneErrorLine(2, "channel");
    }

    [Fact]
    public void Unknown_architecture_is_a_usage_error()
    {
        CliRun.Of("train", "--arch", "vgg", "-o", "/tmp/never.onnx").AssertOneErrorLine(2, "vgg");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_needs_exactly_one_of_arch_and_from(bool both)
    {
        string[] args = both ? ["train", "--arch", "mlp", "--from", "m.onnx", "-o", "/tmp/never.onnx"] : ["train", "-o", "/tmp/never.onnx"];
        CliRun.Of(args).AssertOneErrorLine(2, "--from");
    }

    [Fact]
    public void Unknown_hardware_target_names_the_known_ones()
    {
        CliRun.Of("hardware", "--target", "cray-1").AssertOneErrorLine(1, "cray-1");
    }
}
