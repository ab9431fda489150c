using Shears.Hardware.Latency;
using Shears.Onnx;
using Shears.OnnxRuntime.Profiling;

namespace Shears.Interop.Tests.Latency;

/// <summary>ONNX Runtime's per-node profile on torchvision exports: every convolution and linear layer is found under its own name.</summary>
[Trait("Category", "Interop")]
public sealed class OrtProfilingTests
{
    private static readonly MeasurementOptions Quick = MeasurementOptions.Brief with { Clock = TimingClock.ThreadCpu };

    [Theory]
    [InlineData("resnet18")]
    [InlineData("mobilenet_v2")]
    public void Every_weighted_layer_gets_its_measured_time(string name)
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel(name)));
        var measurement = new OrtLatencyMeter().Measure(model, Quick);
        var layers = measurement.LayerMs();
        var weighted = model.Graph.Nodes.Where(node => node.OpType is "Conv" or "Gemm").Select(node => node.DisplayName).ToList();
        Assert.All(weighted, layer => Assert.True(layers.ContainsKey(layer), $"no time credited to {layer}"));
        // Runtime nodes credited to no layer are only layout changes.
        Assert.All(measurement.Nodes.Where(node => node.Layer is null), node => Assert.StartsWith("Reorder", node.Op, StringComparison.Ordinal));
    }

    [Fact]
    public void Predictions_list_the_same_layers_the_runtime_reports()
    {
        var model = OnnxReader.Read(TorchvisionExports.Get(new ZooModel("resnet18")));
        var measurement = new OrtLatencyMeter().Measure(model, Quick);
        var prediction = new AnalyticLatencyModel(new Hardware.Host.HostDetector().Detect()).Predict(model, LatencySettings.Default);
        var rows = LatencyComparison.Rows(measurement, prediction);
        Assert.All(rows.Where(row => row.Op is "Conv" or "Gemm"), row =>
        {
            Assert.NotNull(row.MeasuredMs);
            Assert.NotNull(row.PredictedMs);
        });
        Assert.All(rows.Where(row => row.Source == LatencySource.Fused), row => Assert.Null(row.MeasuredMs));
    }
}
