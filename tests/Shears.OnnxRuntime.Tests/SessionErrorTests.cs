using Shears.IR;
using Shears.Models;
using Shears.Onnx;

namespace Shears.OnnxRuntime.Tests;

/// <summary>What goes wrong is reported as one-line <see cref="ShearsException"/>s that name the model.</summary>
public sealed class SessionErrorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("shears-ort-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(_folder.FullName, "absent.onnx");
        var error = Assert.Throws<ShearsException>(() => OnnxRuntimeSession.Open(path));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void A_folder_is_not_a_model_file()
    {
        var error = Assert.Throws<ShearsException>(() => OnnxRuntimeSession.Open(_folder.FullName));
        Assert.Contains(_folder.FullName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_refused_in_one_line_that_names_it()
    {
        var path = Path.Combine(_folder.FullName, "cut.onnx");
        var bytes = OnnxWriter.ToBytes(ModelZoo.Build(Architecture.Mlp));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<ShearsException>(() => OnnxRuntimeSession.Open(path));
        Assert.StartsWith($"{path}: ONNX Runtime cannot load the model", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_file_that_loads_runs_like_the_same_model_in_memory()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 2);
        var path = Path.Combine(_folder.FullName, "mlp.onnx");
        OnnxWriter.Write(model, path);
        using var fromFile = OnnxRuntimeSession.Open(path);
        using var fromModel = OnnxRuntimeSession.FromModel(model);
        var inputs = RandomInputs.For(fromFile);
        Assert.Equal(path, fromFile.Source);
        Assert.Equal(fromModel.Run(inputs)[0].ToFloats(), fromFile.Run(inputs)[0].ToFloats());
    }

    [Fact]
    public void Asking_for_an_output_the_model_lacks_lists_the_real_ones()
    {
        using var session = OnnxRuntimeSession.FromModel(ModelZoo.Build(Architecture.Mlp));
        var outputs = session.Run(RandomInputs.For(session));
        var error = Assert.Throws<KeyNotFoundException>(() => outputs["probabilities"]);
        Assert.Contains(session.Outputs[0].Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_of_the_wrong_shape_is_a_run_error_naming_the_model()
    {
        var model = ModelZoo.Build(Architecture.Mlp);
        model.Graph.Name = "mlp";
        using var session = OnnxRuntimeSession.FromModel(model);
        var wrong = Tensor.FromFloats(session.Inputs[0].Name, [1, 1, 27, 28], new float[27 * 28]);
        var error = Assert.Throws<ShearsException>(() => session.Run(wrong));
        Assert.StartsWith("model 'mlp': ONNX Runtime failed to run the model", error.Message, StringComparison.Ordinal);
    }
}
