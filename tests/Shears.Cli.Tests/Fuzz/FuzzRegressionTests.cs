using Shears.Models;
using Shears.Onnx;
using static Shears.Cli.Tests.Fuzz.OnnxWireSchema;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// The smallest form of each model the fuzzer found that broke the CLI's promise (an internal error, or more than
/// one error line), built from a built-in model by a named edit, so each stays fixed.
/// </summary>
public sealed class FuzzRegressionTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    [Fact]
    public void A_node_without_outputs_is_rejected_by_prune()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.Node(model, "Gemm").Fields.RemoveAll(f => f.Number == NodeOutput), "prune", "--ratio", "0.3");
        run.AssertOneErrorLine(1, "has no outputs");
    }

    [FashionMnistFact]
    public void A_value_written_by_two_nodes_is_rejected_by_evaluate()
    {
        var run = Broken(Architecture.Mlp, model =>
        {
            var graph = OnnxEdits.Graph(model);
            var relu = graph.Fields.First(f => f.Message is { } m && OnnxEdits.Name(m, NodeOpType) == "Relu");
            graph.Fields.Insert(graph.Fields.IndexOf(relu) + 1, relu.Clone());
        }, "evaluate", "--data", subset.Folder, "--batch", "64", "--threads", "1");
        run.AssertOneErrorLine(1, "is written by node");
    }

    [FashionMnistFact]
    public void A_graph_output_without_a_name_is_rejected_by_train()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.SetString(OnnxEdits.Children(OnnxEdits.Graph(model), GraphOutput)[0], ValueInfoName, ""),
            "train", "--data", subset.Folder, "--epochs", "1", "--threads", "1");
        run.AssertOneErrorLine(1, "graph output 0 has no name");
    }

    [Fact]
    public void An_input_dimension_too_large_to_count_is_rejected_by_analyze()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.SetShapeDim(OnnxEdits.Children(OnnxEdits.Graph(model), GraphInput)[0], 1, long.MaxValue), "analyze");
        run.AssertOneErrorLine(1, "too many elements");
    }

    [Fact]
    public void Weight_dimensions_too_large_to_count_are_rejected_by_prune()
    {
        var run = Broken(Architecture.Cnn, model =>
        {
            var weight = OnnxEdits.Initializers(model).First(t => t.FieldsNumbered(TensorDims).Count() == 4);
            OnnxEdits.SetTensorDim(weight, 0, 1L << 40);
            OnnxEdits.SetTensorDim(weight, 1, 1L << 40);
        }, "prune", "--ratio", "0.3");
        run.AssertOneErrorLine(1, "too many elements");
    }

    [FashionMnistFact]
    public void A_missing_required_input_is_rejected_by_train()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.SetString(OnnxEdits.Node(model, "Relu"), NodeInput, ""),
            "train", "--data", subset.Folder, "--epochs", "1", "--threads", "1");
        run.AssertOneErrorLine(1, "required input 0 is not given");
    }

    [Fact]
    public void A_boolean_input_to_a_gemm_is_rejected_by_profile()
    {
        var run = Broken(Architecture.Mlp, model =>
            OnnxEdits.SetVarint(OnnxEdits.Children(OnnxEdits.Graph(model), GraphInput)[0].All(OnnxMessageKind.TensorType).Single(), TensorTypeElemType, 9),
            "profile", "--runtime", "engine");
        run.AssertOneErrorLine(1, "expects a float input");
    }

    [Fact]
    public void A_name_with_a_line_break_stays_on_one_error_line()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.SetString(OnnxEdits.Children(OnnxEdits.Graph(model), GraphOutput)[0], ValueInfoName, "lo\ngits"), "analyze");
        run.AssertOneErrorLine(1, "'lo\\u000agits' is not computed");
    }

    [FashionMnistFact]
    public void A_batch_norm_with_too_few_inputs_is_rejected_by_train()
    {
        var run = Broken(Architecture.ResNet, model => OnnxEdits.Node(model, "BatchNormalization").Fields.RemoveAll(f => f.Number == NodeInput && f.Text.EndsWith("var", StringComparison.Ordinal)),
            "train", "--data", subset.Folder, "--epochs", "1", "--threads", "1");
        run.AssertOneErrorLine(1, "required input 4 is not given");
    }

    [Fact]
    public void A_batch_too_large_to_count_macs_for_is_rejected_by_analyze()
    {
        var run = Broken(Architecture.ResNet, model => OnnxEdits.SetShapeDim(OnnxEdits.Children(OnnxEdits.Graph(model), GraphInput)[0], 0, 1L << 40), "analyze");
        run.AssertOneErrorLine(1, "MAC count is too large");
    }

    [FashionMnistFact]
    public void A_node_without_inputs_is_rejected_by_train()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.Node(model, "Relu").Fields.RemoveAll(f => f.Number == NodeInput),
            "train", "--data", subset.Folder, "--epochs", "1", "--threads", "1");
        run.AssertOneErrorLine(1, "required input 0 is not given");
    }

    [Fact]
    public void A_negative_convolution_pad_is_rejected_by_profile()
    {
        var run = Broken(Architecture.Cnn, model => OnnxEdits.SetAttributeInt(OnnxEdits.Attribute(OnnxEdits.Node(model, "Conv"), "pads"), 1, -1), "profile", "--runtime", "engine");
        run.AssertOneErrorLine(1, "pads must be >= 0");
    }

    [FashionMnistFact]
    public void A_sample_dimension_beyond_the_engine_is_rejected_by_train()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.SetShapeDim(OnnxEdits.Children(OnnxEdits.Graph(model), GraphInput)[0], 1, 1L << 31),
            "train", "--data", subset.Folder, "--epochs", "1", "--threads", "1");
        run.AssertOneErrorLine(1, "2147483648");
    }

    [FashionMnistFact]
    public void An_output_the_operator_does_not_produce_is_rejected_by_taylor_pruning()
    {
        var run = Broken(Architecture.Mlp, model => OnnxEdits.Node(model, "Gemm").Fields.Add(WireField.String(NodeOutput, "extra")),
            "prune", "--criterion", "taylor", "--data", subset.Folder, "--samples", "16", "--ratio", "0.3");
        run.AssertOneErrorLine(1, "does not produce");
    }

    // Writes the edited model, runs the verb on it (with -o for verbs that write), and checks that a failure wrote nothing.
    private static CliRun Broken(Architecture architecture, Action<WireMessage> edit, string verb, params string[] options)
    {
        using var folder = new TemporaryFolder();
        var model = OnnxEdits.Parse(OnnxWriter.ToBytes(ModelZoo.Build(architecture)));
        edit(model);
        var path = folder.File("broken.onnx");
        var bytes = OnnxEdits.Encode(model);
        File.WriteAllBytes(path, bytes);
        string[] args = verb switch
        {
            "prune" => ["prune", path, "-o", folder.File("out.onnx"), .. options],
            "train" => ["train", "--from", path, "-o", folder.File("out.onnx"), .. options],
            _ => [verb, path, .. options],
        };
        var run = CliRun.Of(args);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        if (run.ExitCode != 0)
        {
            Assert.Equal([path], Directory.GetFiles(folder.Path));
        }
        return run;
    }
}
