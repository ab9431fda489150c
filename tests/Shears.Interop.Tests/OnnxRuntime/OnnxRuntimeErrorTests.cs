using Shears.IR;
using Shears.Onnx;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.OnnxRuntime;

/// <summary>Whatever ONNX Runtime rejects surfaces as a ShearsException with one line that names the model.</summary>
public sealed class OnnxRuntimeErrorTests
{
    private static ShearsException AssertOneLineFailure(Action action, string source, string problem)
    {
        var error = Assert.ThrowsAny<ShearsException>(action);
        Assert.StartsWith(source, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Fact]
    public void Bytes_that_are_not_a_model()
    {
        var error = AssertOneLineFailure(() => OnnxRuntimeSession.FromBytes("not a model"u8.ToArray(), sourceName: "junk.onnx"), "junk.onnx", "ONNX Runtime cannot load the model");
        Assert.DoesNotContain("[ErrorCode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file() =>
        AssertOneLineFailure(() => OnnxRuntimeSession.Open("/nonexistent/model.onnx"), "/nonexistent/model.onnx", "file not found");

    [Fact]
    public void Operator_onnx_runtime_does_not_know()
    {
        var builder = new GraphBuilder("unknown_op");
        builder.Output(builder.Add("NoSuchOperator", [builder.Input("x", 2)]));
        AssertOneLineFailure(() => OnnxRuntimeSession.FromModel(builder.ToModel(13)), "model 'unknown_op'", "NoSuchOperator");
    }

    [Fact]
    public void Input_the_model_does_not_have()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        AssertOneLineFailure(() => session.Run(Tensor.FromFloats("y", [1, 3], [1, 2, 3])), "model 'affine'", "no input named 'y'; its inputs are x");
    }

    [Fact]
    public void Input_given_twice()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        var x = Tensor.FromFloats("x", [1, 3], [1, 2, 3]);
        AssertOneLineFailure(() => session.Run(x, x), "model 'affine'", "'x' is given twice");
    }

    [Fact]
    public void Input_missing()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        AssertOneLineFailure(() => session.Run(), "model 'affine'", "no value given for input 'x'");
    }

    [Fact]
    public void Input_of_the_wrong_type()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        AssertOneLineFailure(() => session.Run(Tensor.FromDoubles("x", [1, 3], [1, 2, 3])), "model 'affine'", "'x' is double but the model expects float");
    }

    [Fact]
    public void Input_of_the_wrong_shape()
    {
        using var session = OnnxRuntimeSession.FromModel(SessionTestModels.Affine());
        AssertOneLineFailure(() => session.Run(Tensor.FromFloats("x", [1, 4], [1, 2, 3, 4])), "model 'affine'", "ONNX Runtime failed to run the model");
    }

    [Fact]
    public void Model_file_that_onnx_runtime_rejects()
    {
        var folder = Directory.CreateTempSubdirectory("shears-ort-errors-");
        try
        {
            var path = Path.Combine(folder.FullName, "truncated.onnx");
            File.WriteAllBytes(path, OnnxWriter.ToBytes(SessionTestModels.Affine())[..40]);
            AssertOneLineFailure(() => OnnxRuntimeSession.Open(path), path, "ONNX Runtime cannot load the model");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
