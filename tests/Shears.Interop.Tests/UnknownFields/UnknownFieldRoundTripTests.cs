using Shears.Interop.Tests.Infrastructure;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.UnknownFields;

/// <summary>What Shears does not model (functions, training info, sub-graphs, newer fields) must come back out unchanged.</summary>
public sealed class UnknownFieldRoundTripTests(RichModelFixture rich) : IClassFixture<RichModelFixture>
{
    // Field numbers from the ONNX specification.
    private const int ModelGraph = 7;
    private const int ModelDocString = 6;
    private const int ModelMetadataProps = 14;
    private const int ModelTrainingInfo = 20;
    private const int ModelFunctions = 25;
    private const int GraphNode = 1;
    private const int GraphDocString = 10;
    private const int GraphInput = 11;
    private const int GraphQuantizationAnnotation = 14;
    private const int NodeName = 3;
    private const int NodeAttribute = 5;
    private const int NodeMetadataProps = 9;

    [Fact]
    public void Onnx_sees_the_same_model_after_read_and_write() =>
        Assert.Equal("same", RichModelFixture.RunScript("compare", rich.OriginalPath, rich.WrittenPath).Trim());

    [Theory]
    [InlineData(ModelFunctions)]
    [InlineData(ModelTrainingInfo)]
    [InlineData(ModelMetadataProps)]
    [InlineData(ModelDocString)]
    public void Model_level_fields_are_kept_byte_for_byte(int field)
    {
        var expected = ProtoWire.Payloads(rich.Original, field);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ProtoWire.Payloads(rich.Written, field));
    }

    [Theory]
    [InlineData(GraphQuantizationAnnotation)]
    [InlineData(GraphDocString)]
    [InlineData(GraphInput)]
    public void Graph_level_fields_are_kept_byte_for_byte(int field)
    {
        var expected = ProtoWire.Payloads(ProtoWire.Single(rich.Original, ModelGraph), field);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ProtoWire.Payloads(ProtoWire.Single(rich.Written, ModelGraph), field));
    }

    [Fact]
    public void A_node_field_newer_than_the_schema_is_kept()
    {
        var expected = ProtoWire.Payloads(Node(rich.Original, "double"), NodeMetadataProps);
        Assert.Single(expected);
        Assert.Equal(expected, ProtoWire.Payloads(Node(rich.Written, "double"), NodeMetadataProps));
    }

    [Fact]
    public void Sub_graph_attributes_are_kept_byte_for_byte()
    {
        var expected = ProtoWire.Payloads(Node(rich.Original, "branch"), NodeAttribute);
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, ProtoWire.Payloads(Node(rich.Written, "branch"), NodeAttribute));
    }

    [Fact]
    public void Shears_model_exposes_metadata_and_keeps_the_graph_attribute_opaque()
    {
        var model = OnnxReader.Read(rich.OriginalPath);
        Assert.Equal([new("author", "shears tests"), new("purpose", "unknown-field round trip")], model.Metadata);
        Assert.Equal("round-trip fixture", model.DocString);
        Assert.Equal(7, model.ModelVersion);
        Assert.Equal(1, model.Opsets["local.shears"]);
        var branch = model.Graph.FindNode("branch")!;
        Assert.All(branch.Attributes, a => Assert.NotNull(a.Opaque));
        Assert.NotNull(model.Extras);
    }

    [Fact]
    public void Function_call_and_if_branch_run_identically_after_round_trip()
    {
        var inputs = RandomInputs.For(OnnxReader.Read(rich.OriginalPath), new RandomInputOptions { DefaultDimValue = 5 });
        using var original = OnnxRuntimeSession.Open(rich.OriginalPath, RoundTripCheck.SessionOptions);
        using var written = OnnxRuntimeSession.Open(rich.WrittenPath, RoundTripCheck.SessionOptions);
        var expected = original.Run(inputs);
        OutputComparison.AssertInformative(expected.Single());
        Assert.Equal([5L, 3L], expected.Single().Dims.ToArray());
        Assert.Equal(0.0, OutputComparison.MaxAbsDifference(expected, written.Run(inputs)));
    }

    private static byte[] Node(byte[] model, string name) =>
        ProtoWire.Fields(ProtoWire.Single(model, ModelGraph))
            .Where(f => f.Number == GraphNode)
            .Select(f => f.Payload)
            .Single(node => ProtoWire.Fields(node).Any(f => f.Number == NodeName && f.Text == name));
}
