using Shears.Hardware.Latency;
using Shears.Models;
using Shears.OnnxRuntime.Profiling;

namespace Shears.OnnxRuntime.Tests;

/// <summary>ONNX Runtime latency figures: within the run limits, positive and ordered, per node credited to the model's layers.</summary>
public sealed class OrtLatencyMeterTests
{
    private static readonly MeasurementOptions Quick = MeasurementOptions.Brief;

    [Fact]
    public void Whole_model_figures_are_positive_ordered_and_within_the_run_limits()
    {
        var settings = LatencySettings.Default with { Batch = 2 };
        var measurement = new OrtLatencyMeter().Measure(ModelZoo.Build(Architecture.Cnn), Quick with { Settings = settings, PerNode = false });

        Assert.Equal(settings, measurement.Settings);
        Assert.InRange(measurement.Samples, Quick.MinRuns, Quick.MaxRuns);
        Assert.True(measurement.Runs >= measurement.Samples, $"{measurement.Runs} runs in {measurement.Samples} samples");
        Assert.True(measurement.MinMs > 0, $"min {measurement.MinMs} ms");
        Assert.True(measurement.MinMs <= measurement.MedianMs && measurement.MedianMs <= measurement.P90Ms,
            $"min {measurement.MinMs}, median {measurement.MedianMs}, p90 {measurement.P90Ms}");
        Assert.True(measurement.WallMedianMs > 0);
        // A CNN forward pass at batch 2 takes well under a second, even on a busy machine.
        Assert.True(measurement.MedianMs < 1000, $"median {measurement.MedianMs} ms");
        Assert.Empty(measurement.Nodes);
    }

    [Fact]
    public void Single_thread_runs_report_cpu_time_where_the_clock_exists()
    {
        var measurement = new OrtLatencyMeter().Measure(ModelZoo.Build(Architecture.Mlp), Quick with { PerNode = false });
        if (ThreadCpuTime.IsAvailable)
        {
            Assert.True(measurement.CpuMedianMs > 0, $"cpu median {measurement.CpuMedianMs} ms");
        }
        else
        {
            Assert.Null(measurement.CpuMedianMs);
        }
    }

    [Fact]
    public void Per_node_times_are_credited_to_the_models_layers()
    {
        var model = ModelZoo.Build(Architecture.Cnn);
        var measurement = new OrtLatencyMeter().Measure(model, Quick);

        Assert.NotEmpty(measurement.Nodes);
        Assert.All(measurement.Nodes, node => Assert.True(node.Ms >= 0, $"{node.Name}: {node.Ms} ms"));
        var layers = measurement.LayerMs();
        var names = model.Graph.Nodes.Select(n => n.DisplayName).ToHashSet(StringComparer.Ordinal);
        Assert.All(layers.Keys, layer => Assert.Contains(layer, names));
        // Both convolutions and both Gemms get time of their own, fused or not (fc1 runs as ONNX Runtime's "fused fc1").
        foreach (var node in model.Graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm"))
        {
            Assert.True(layers.TryGetValue(node.DisplayName, out var ms) && ms > 0, $"{node.DisplayName} got no time; runtime nodes: {string.Join(", ", measurement.Nodes)}");
        }
    }

    [Fact]
    public void Impossible_options_are_refused()
    {
        var meter = new OrtLatencyMeter();
        var model = ModelZoo.Build(Architecture.Mlp);
        Assert.Throws<ShearsException>(() => meter.Measure(model, Quick with { MinRuns = 0 }));
        var error = Assert.Throws<ShearsException>(() => meter.Measure(model, Quick with { Settings = LatencySettings.Default with { Batch = 0 } }));
        Assert.Contains("batch 0", error.Message, StringComparison.Ordinal);
    }
}
