using System.Runtime.InteropServices;
using Google.Protobuf;
using Shears.IR;
using Shears.Onnx;
using Shears.Onnx.Schema;
using Shears.OnnxRuntime;

namespace Shears.Tests.Onnx;

/// <summary>Weights kept in a file beside the model, located by name, offset and length.</summary>
public sealed class ExternalDataTests : IDisposable
{
    // The model lives in <root>/model; <root> itself is "outside" the model's folder.
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("shears-external-");
    private readonly DirectoryInfo _folder;

    public ExternalDataTests() => _folder = _root.CreateSubdirectory("model");

    public void Dispose() => _root.Delete(recursive: true);

    private static TensorProto External(string name, string location, params (string Key, string Value)[] entries)
    {
        var tensor = ProtoModels.Tensor(name, DataType.Float, 2);
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.AddRange(entries.Select(e => new StringStringEntryProto { Key = e.Key, Value = e.Value }));
        return tensor;
    }

    private string WriteModel(TensorProto weight)
    {
        var path = Path.Combine(_folder.FullName, "model.onnx");
        File.WriteAllBytes(path, ProtoModels.AddWeight(weight).ToByteArray());
        return path;
    }

    [Fact]
    public void Offset_and_length_select_the_tensor_bytes()
    {
        float[] file = [9f, 9f, 1.5f, -2.5f, 9f];
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "weights"));
        File.WriteAllBytes(Path.Combine(_folder.FullName, "weights", "w.bin"), MemoryMarshal.AsBytes(file.AsSpan()).ToArray());
        var path = WriteModel(External("w", "weights/w.bin", ("offset", "8"), ("length", "8")));

        var model = OnnxReader.Read(path);
        Assert.Equal([1.5f, -2.5f], model.Graph.Initializers["w"].ToFloats());

        // Written inline, the model needs no data file, and computes what the original computes.
        var written = ProtoModels.Written(model).Graph.Initializer.Single();
        Assert.False(written.HasDataLocation);
        Assert.Empty(written.ExternalData);
        var inputs = RandomInputs.For(model);
        using var original = OnnxRuntimeSession.Open(path);
        using var inline = OnnxRuntimeSession.FromModel(model);
        Assert.Equal(original.Run(inputs).Single().ToFloats(), inline.Run(inputs).Single().ToFloats());
    }

    [Theory]
    [InlineData("../outside.bin", "outside the model's folder")]
    [InlineData("weights/../../outside.bin", "outside the model's folder")]
    [InlineData("/etc/hostname", "must be relative")]
    [InlineData("", "names no location")]
    [InlineData("absent.bin", "not found")]
    public void Unusable_locations_are_invalid_models(string location, string problem)
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "outside.bin"), new byte[8]);
        var path = WriteModel(External("w", location));
        var error = Assert.Throws<InvalidModelException>(() => OnnxReader.Read(path));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offset", "eight", "not a byte count")]
    [InlineData("offset", "-4", "not a byte count")]
    [InlineData("length", "12", "lies outside")]
    [InlineData("offset", "4", "truncated or corrupt tensor data")]
    public void Bad_ranges_are_invalid_models(string key, string value, string problem)
    {
        File.WriteAllBytes(Path.Combine(_folder.FullName, "w.bin"), new byte[8]);
        var path = WriteModel(External("w", "w.bin", (key, value)));
        var error = Assert.Throws<InvalidModelException>(() => OnnxReader.Read(path));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_are_resolved_against_the_given_folder()
    {
        File.WriteAllBytes(Path.Combine(_folder.FullName, "w.bin"), MemoryMarshal.AsBytes(new[] { 3f, 4f }.AsSpan()).ToArray());
        var bytes = ProtoModels.AddWeight(External("w", "w.bin")).ToByteArray();
        Assert.Equal([3f, 4f], OnnxReader.Read(bytes, _folder.FullName).Graph.Initializers["w"].ToFloats());
    }
}
