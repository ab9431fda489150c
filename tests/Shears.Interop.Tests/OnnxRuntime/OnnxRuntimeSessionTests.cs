using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.OnnxRuntime;

public sealed class OnnxRuntimeSessionTests
{
    private static readonly Tensor TwoRows = Tensor.FromFloats("x", [2, 3], [1, 0, 0, 1, 1, 1]);

    [Fact]
    public void Runs_a_model_and_returns_named_outputs_with_shapes()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        var outputs = session.Run(TwoRows);

        var y = Assert.Single(outputs);
        Assert.Equal(session.Outputs[0].Name, y.Name);
        Assert.Equal([2L, 2L], y.Dims.ToArray());
        // Row 1 picks W's first row; row 2 sums all rows.
        Assert.Equal([1.5f, 1.5f, 9.5f, 11.5f], outputs.Floats(y.Name));
        Assert.Same(y, outputs[y.Name]);
        Assert.Throws<KeyNotFoundException>(() => outputs["nope"]);
    }

    [Fact]
    public void Reports_inputs_and_outputs_with_symbolic_dimensions()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(DataType.Float, input.ElementType);
        Assert.Equal(new Shape([Dim.Named("batch"), 3]), input.Shape);
        Assert.Equal(new Shape([Dim.Named("batch"), 2]), session.Outputs.Single().Shape);
        Assert.Equal("model 'affine'", session.Source);
    }

    [Fact]
    public void Model_bytes_and_file_give_the_same_session()
    {
        var model = SessionTestModels.Affine();
        var path = Path.Combine(Directory.CreateTempSubdirectory("shears-session-").FullName, "affine.onnx");
        try
        {
            OnnxWriter.Write(model, path);
            using var fromModel = OnnxRuntimeSession.FromModel(model);
            using var fromBytes = OnnxRuntimeSession.FromBytes(OnnxWriter.ToBytes(model), sourceName: "bytes");
            using var fromFile = OnnxRuntimeSession.Open(path);
            Assert.Equal("bytes", fromBytes.Source);
            Assert.Equal(path, fromFile.Source);
            var expected = fromModel.Run(TwoRows).Floats("Add_out");
            Assert.Equal(expected, fromBytes.Run(TwoRows).Floats("Add_out"));
            Assert.Equal(expected, fromFile.Run(TwoRows).Floats("Add_out"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData(GraphOptimization.None, 1)]
    [InlineData(GraphOptimization.Basic, 2)]
    [InlineData(GraphOptimization.Extended, 0)]
    [InlineData(GraphOptimization.All, 1)]
    public void Every_optimisation_level_and_thread_count_computes_the_model(GraphOptimization level, int threads)
    {
        var options = new OnnxRuntimeOptions { Optimization = level, IntraOpThreads = threads, InterOpThreads = threads == 2 ? 2 : 1 };
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine(), options);
        Assert.Same(options, session.Options);
        Assert.Equal([1.5f, 1.5f, 9.5f, 11.5f], session.Run(TwoRows).Single().ToFloats());
    }

    [Fact]
    public void Negative_thread_count_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxRuntimeSession.FromModel(SessionTestModels.Affine(), new OnnxRuntimeOptions { IntraOpThreads = -1 }));
    }

    [Theory]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Int32)]
    [InlineData(DataType.Bool)]
    [InlineData(DataType.UInt8)]
    [InlineData(DataType.Double)]
    [InlineData(DataType.Float16)]
    public void Non_float_tensors_pass_through_unchanged(DataType type)
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Identity(type));
        var input = RandomInputs.For(session, new RandomInputOptions { Seed = 3 }).Single();
        var output = session.Run(input).Single();
        Assert.Equal(type, output.ElementType);
        Assert.Equal(input.Bytes.ToArray(), output.Bytes.ToArray());
    }

    [Fact]
    public void String_tensors_pass_through_unchanged()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Identity(DataType.String));
        var input = Tensor.FromStrings("x", [2], ["héllo"u8.ToArray(), []]);
        Assert.Equal(input.Strings.ToArray(), session.Run(input).Single().Strings.ToArray());
    }

    [Fact]
    public void Concurrent_runs_agree()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine(), new OnnxRuntimeOptions { IntraOpThreads = 1 });
        var inputs = Enumerable.Range(0, 8).Select(i => RandomInputs.For(session, new RandomInputOptions { Seed = (ulong)i, DefaultDimValue = 64 })).ToArray();
        var sequential = inputs.Select(i => session.Run(i).Single().ToFloats()).ToArray();
        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, i => parallel[i] = session.Run(inputs[i]).Single().ToFloats());
        Assert.Equal(sequential, parallel);
    }
}
