using Shears.Analysis;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Onnx;

namespace Shears.Tests.Hardware.Latency;

public sealed class LatencyTableBuilderTests
{
    private static LatencyTableBuilder Builder(FakeLatencyMeter meter) =>
        new(meter, new LatencyTableBuilderOptions { Fingerprint = "test-host", Block = 16 });

    [Fact]
    public void The_plan_sweeps_both_axes_of_layers_inside_a_group_and_the_shrinking_axis_of_the_rest()
    {
        var plan = LatencyTableBuilder.Plan(LatencyTestModels.ConvChain(), batch: 1);
        var axes = plan.Where(entry => entry.Axis is not null).Select(entry => (entry.Signature.Kind, entry.Signature.InputChannels, entry.Axis)).ToList();
        Assert.Contains((LayerKind.Convolution, 16L, (ChannelAxis?)ChannelAxis.Output), axes);
        Assert.Contains((LayerKind.Convolution, 32L, (ChannelAxis?)ChannelAxis.Input), axes);
        Assert.Contains((LayerKind.Convolution, 32L, (ChannelAxis?)ChannelAxis.Output), axes);
        Assert.Contains((LayerKind.Linear, 24L, (ChannelAxis?)ChannelAxis.Input), axes);
        Assert.DoesNotContain((LayerKind.Convolution, 16L, (ChannelAxis?)ChannelAxis.Input), axes);
        Assert.Equal(3, plan.Count(entry => entry.Axis is null));
    }

    [Fact]
    public void Building_measures_each_sweep_once_and_reuses_an_existing_table()
    {
        var meter = new FakeLatencyMeter();
        var builder = Builder(meter);
        var model = LatencyTestModels.ConvChain();
        var table = builder.Build(model);
        Assert.True(builder.MeasuredModels > 10);
        Assert.Equal(3, table.Layers.Count);
        Assert.Single(table.Overheads);
        Assert.Equal((builder.MeasuredModels * 3) + 1, meter.Measured);

        var again = builder.Build(model, table);
        Assert.Equal(0, builder.MeasuredModels);
        Assert.Same(table, again);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public void A_slow_spell_during_one_pass_leaves_the_best_pass_clean(int passes, bool clean)
    {
        var model = LatencyTestModels.ConvChain();
        var options = new LatencyTableBuilderOptions { Fingerprint = "test-host", Block = 16, Passes = passes };
        var quiet = new LatencyTableBuilder(new FakeLatencyMeter(), options).Build(model);
        // The machine is twice as slow for the first ten timings, all inside the first pass.
        var busy = new FakeLatencyMeter { SlowSpell = (0, 10, 2.0) };
        var disturbed = new LatencyTableBuilder(busy, options).Build(model);

        var same = quiet.Layers.Zip(disturbed.Layers).All(pair =>
            pair.First.FullMs == pair.Second.FullMs
            && pair.First.OutputPoints.SequenceEqual(pair.Second.OutputPoints)
            && pair.First.InputPoints.SequenceEqual(pair.Second.InputPoints));
        Assert.Equal(clean, same);
    }

    [Fact]
    public void Options_for_a_host_take_its_fingerprint_and_channel_block_and_need_a_fingerprint()
    {
        var options = LatencyTableBuilderOptions.ForHost(TestProfiles.Host() with { Fingerprint = "h", PreferredChannelMultiples = [8, 16] }, LatencySettings.Default);
        Assert.Equal("h", options.Fingerprint);
        Assert.Equal(8, options.Block);
        Assert.Throws<ShearsException>(() => LatencyTableBuilderOptions.ForHost(TestProfiles.Host(), LatencySettings.Default));
    }

    [Fact]
    public void A_builder_needs_at_least_one_pass() =>
        Assert.Throws<InvalidOptionException>(() => new LatencyTableBuilder(new FakeLatencyMeter(), new LatencyTableBuilderOptions { Fingerprint = "x", Passes = 0 }));

    [Fact]
    public void A_table_for_another_host_or_runtime_is_refused()
    {
        var table = new LatencyTable { Fingerprint = "elsewhere", Settings = LatencySettings.Default };
        Assert.Throws<ShearsException>(() => Builder(new FakeLatencyMeter()).Build(LatencyTestModels.ConvChain(), table));
        Assert.Throws<ShearsException>(() => new LatencyTableBuilder(new FakeLatencyMeter(LatencyRuntime.Engine), new LatencyTableBuilderOptions { Fingerprint = "x" }));
    }

    [Fact]
    public void Measured_predictions_of_pruned_variants_follow_the_meter()
    {
        var meter = new FakeLatencyMeter();
        var model = LatencyTestModels.ConvChain();
        var table = Builder(meter).Build(model);
        var latencyModel = new MeasuredLatencyModel(table, new AnalyticLatencyModel(TestProfiles.Host()));
        foreach (var variant in PrunedVariants.Make(model, 6, seed: 3, maxRatio: 0.6))
        {
            var prediction = latencyModel.Predict(variant, LatencySettings.Default);
            var measured = meter.Measure(variant, MeasurementOptions.Default);
            var measuredLayers = measured.LayerMs();
            foreach (var layer in prediction.Layers.Where(layer => layer.Source == LatencySource.Measured))
            {
                Assert.InRange(layer.Ms / measuredLayers[layer.Name], 0.97, 1.03);
            }
            Assert.Equal(3, prediction.Layers.Count(layer => layer.Source == LatencySource.Measured));
        }
    }

    [Fact]
    public void Settings_without_a_table_fall_back_to_the_roofline()
    {
        var table = Builder(new FakeLatencyMeter()).Build(LatencyTestModels.ConvChain());
        var latencyModel = new MeasuredLatencyModel(table, new AnalyticLatencyModel(TestProfiles.Host()));
        var prediction = latencyModel.Predict(LatencyTestModels.ConvChain(), LatencySettings.Default with { Batch = 4 });
        Assert.DoesNotContain(prediction.Layers, layer => layer.Source == LatencySource.Measured);
        Assert.Contains("no table", prediction.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_gets_its_measured_model_only_when_the_store_has_its_table()
    {
        using var folder = new TemporaryDirectory();
        var store = new LatencyTableStore(folder.Path);
        var profile = TestProfiles.Host() with { Fingerprint = "test-host" };
        Assert.IsType<AnalyticLatencyModel>(LatencyModels.ForTarget(profile, LatencySettings.Default, store));
        store.Save(Builder(new FakeLatencyMeter()).Build(LatencyTestModels.ConvChain()));
        Assert.IsType<MeasuredLatencyModel>(LatencyModels.ForTarget(profile, LatencySettings.Default, store));
        Assert.IsType<AnalyticLatencyModel>(LatencyModels.ForTarget(profile, LatencySettings.Default with { Threads = 2 }, store));
    }

    [Fact]
    public void Pruned_variants_are_seeded_and_smaller()
    {
        var model = LatencyTestModels.ConvChain();
        var first = PrunedVariants.Make(model, 4, seed: 9, maxRatio: 0.7);
        var second = PrunedVariants.Make(model, 4, seed: 9, maxRatio: 0.7);
        Assert.Equal(4, first.Count);
        Assert.Equal(first.Select(OnnxWriter.ToBytes), second.Select(OnnxWriter.ToBytes));
        var full = ModelAnalyzer.Analyze(model).Macs;
        Assert.All(first, variant => Assert.True(ModelAnalyzer.Analyze(variant).Macs <= full));
        Assert.Contains(first, variant => ModelAnalyzer.Analyze(variant).Macs < full);
        Assert.Throws<ShearsException>(() => PrunedVariants.Make(model, 1, 0, maxRatio: 1));
    }

    [Fact]
    public void Batch_is_set_on_every_runtime_input()
    {
        var model = LatencyTestModels.ConvChain();
        Assert.Same(model, ModelBatch.With(model, 1));
        var batched = ModelBatch.With(model, 8);
        Assert.Equal(Shape.Of(8, 16, 14, 14), batched.Graph.Inputs[0].Shape);
        Assert.Equal(Shape.Of(1, 16, 14, 14), model.Graph.Inputs[0].Shape);
        Assert.Equal(Shape.Of(8, 16, 14, 14), ModelBatch.InputShapes(model, 8)["x"]);
    }
}
