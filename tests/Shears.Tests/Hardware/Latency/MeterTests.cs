using Shears.Hardware.Latency;
using Shears.Models;
using Shears.OnnxRuntime.Profiling;

namespace Shears.Tests.Hardware.Latency;

/// <summary>Both meters on a tiny model: the figures are well-formed and per-node times land on the layers. No speed is asserted.</summary>
public sealed class MeterTests
{
    private static readonly MeasurementOptions Quick = MeasurementOptions.Brief;

    [Fact]
    public void Onnx_runtime_times_the_model_and_credits_fused_nodes_to_their_layers()
    {
        var model = LatencyTestModels.ConvChain();
        var measurement = new OrtLatencyMeter().Measure(model, Quick);
        AssertWellFormed(measurement);
        var layers = measurement.LayerMs();
        var convolutions = model.Graph.Nodes.Where(node => node.OpType is "Conv" or "Gemm").Select(node => node.DisplayName);
        Assert.All(convolutions, name => Assert.True(layers.ContainsKey(name), $"no time credited to {name}: {string.Join(", ", measurement.Nodes)}"));
        Assert.Empty(Directory.GetFiles(Environment.CurrentDirectory, "onnxruntime_profile_*.json"));
    }

    [Fact]
    public void Onnx_runtime_times_other_batches_without_profiling_when_asked()
    {
        var measurement = new OrtLatencyMeter().Measure(LatencyTestModels.ConvChain(), Quick with { Settings = LatencySettings.Default with { Batch = 3 }, PerNode = false });
        AssertWellFormed(measurement);
        Assert.Empty(measurement.Nodes);
    }

    [Fact]
    public void The_engine_times_every_kernel()
    {
        var model = ModelZoo.Build(Architecture.Mlp);
        var measurement = new EngineLatencyMeter().Measure(model, Quick with { Settings = LatencySettings.Default with { Runtime = LatencyRuntime.Engine } });
        AssertWellFormed(measurement);
        // A Relu after a Gemm is folded into it for inference and timed with it, as ONNX Runtime fuses activations.
        Assert.Equal(model.Graph.Nodes.Where(node => node.OpType != "Relu").Select(node => node.DisplayName), measurement.Nodes.Select(node => node.Name));
        Assert.All(measurement.Nodes, node => Assert.Equal(node.Name, node.Layer));
    }

    [Fact]
    public void Single_layer_models_run_in_onnx_runtime_with_their_activation_fused()
    {
        var signature = LatencyTestModels.Conv3x3(8, 24) with { InputSpatial = [10, 10], Activation = FusedActivation.Clip };
        var measurement = new OrtLatencyMeter().Measure(SingleLayerModel.Build(signature), Quick);
        Assert.Contains(measurement.Nodes, node => node.Layer == SingleLayerModel.NodeName);
    }

    private static void AssertWellFormed(LatencyMeasurement measurement)
    {
        Assert.InRange(measurement.Samples, 3, 10);
        Assert.True(measurement.Runs >= measurement.Samples);
        Assert.True(measurement.MinMs > 0);
        Assert.True(measurement.MinMs <= measurement.MedianMs && measurement.MedianMs <= measurement.P90Ms);
        Assert.All(measurement.Nodes, node => Assert.True(node.Ms >= 0));
    }
}
