using System.Text.Json;
using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

/// <summary>The profile report: measuring tables on request, predicting from them, and its JSON form.</summary>
public sealed class ProfileReportTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_tables_the_prediction_is_read_from_them_and_cached_in_the_store()
    {
        using var folder = new TemporaryDirectory();
        var store = new LatencyTableStore(folder.Path);
        var host = TestProfiles.Host() with { Fingerprint = "test-host" };
        var meter = new FakeLatencyMeter();
        var measurement = MeasurementOptions.Brief;
        var model = LatencyTestModels.ConvChain();

        var analytic = ProfileReport.Measure(model, "chain.onnx", host, meter, measurement, store);
        Assert.Null(store.TryLoad("test-host", measurement.Settings));
        Assert.DoesNotContain(analytic.Prediction.Layers, layer => layer.Source == LatencySource.Measured);

        var measured = ProfileReport.Measure(model, "chain.onnx", host, meter, measurement, store, buildTables: true, new FixedTime(Noon));
        Assert.NotNull(store.TryLoad("test-host", measurement.Settings));
        Assert.Equal(3, measured.Prediction.Layers.Count(layer => layer.Source == LatencySource.Measured));
        Assert.Equal(Noon, measured.MeasuredAt);
        Assert.Equal("chain.onnx", measured.Model);
        Assert.All(measured.Rows.Where(row => row.Source == LatencySource.Measured), row => Assert.InRange(row.PredictedMs!.Value / row.MeasuredMs!.Value, 0.97, 1.03));
    }

    [Fact]
    public void The_json_form_carries_the_whole_model_figures_and_one_entry_per_row()
    {
        using var folder = new TemporaryDirectory();
        var host = TestProfiles.Host() with { Fingerprint = "test-host" };
        var report = ProfileReport.Measure(LatencyTestModels.ConvChain(), "chain.onnx", host, new FakeLatencyMeter(), MeasurementOptions.Brief, new LatencyTableStore(folder.Path), time: new FixedTime(Noon));
        using var json = JsonDocument.Parse(ProfileReportJson.Serialize(report));
        var root = json.RootElement;
        Assert.Equal("chain.onnx", root.GetProperty("model").GetString());
        Assert.Equal("test-host", root.GetProperty("host").GetString());
        Assert.Equal(report.Measurement.MedianMs, root.GetProperty("medianMs").GetDouble());
        Assert.Equal(report.Prediction.TotalMs, root.GetProperty("predictedMs").GetDouble());
        Assert.Equal(Noon, root.GetProperty("measuredAt").GetDateTimeOffset());
        Assert.Equal(report.Rows.Count, root.GetProperty("layers").GetArrayLength());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
