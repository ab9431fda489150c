using Shears.Hardware;
using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class AnalyticLatencyModelTests
{
    private static readonly AnalyticLatencyModel Model = new(TestProfiles.Host());

    [Fact]
    public void Partial_vectors_of_output_channels_cost_a_whole_vector()
    {
        var settings = LatencySettings.Default;
        Assert.Equal(Model.SignatureMs(LatencyTestModels.Conv3x3(64, 16), settings), Model.SignatureMs(LatencyTestModels.Conv3x3(64, 9), settings));
        Assert.True(Model.SignatureMs(LatencyTestModels.Conv3x3(64, 17), settings) > Model.SignatureMs(LatencyTestModels.Conv3x3(64, 16), settings));
    }

    [Fact]
    public void Compute_time_follows_peak_and_efficiency()
    {
        var signature = LatencyTestModels.Conv3x3(64, 64);
        var expected = 2.0 * signature.Macs() / (100 * AnalyticConstants.Default.ConvolutionEfficiency) / 1e6;
        Assert.Equal(expected, Model.SignatureMs(signature, LatencySettings.Default), 9);
        Assert.Equal(expected / 2, Model.SignatureMs(signature, LatencySettings.Default with { Threads = 2 }), 9);
        Assert.Equal(expected / 2, Model.SignatureMs(signature, LatencySettings.Default with { Threads = 8 }), 9);
    }

    [Fact]
    public void Whole_models_predict_every_running_node_and_fuse_activations_only_for_onnx_runtime()
    {
        var model = LatencyTestModels.ConvChain();
        var ort = Model.Predict(model, LatencySettings.Default);
        var engine = Model.Predict(model, LatencySettings.Default with { Runtime = LatencyRuntime.Engine });
        Assert.Equal(7, ort.Layers.Count);
        Assert.Equal(2, ort.Layers.Count(layer => layer.Source == LatencySource.Fused));
        Assert.DoesNotContain(engine.Layers, layer => layer.Source == LatencySource.Fused);
        Assert.All(ort.Layers, layer => Assert.True(layer.Ms >= 0));
        Assert.True(ort.TotalMs > 0 && engine.TotalMs > ort.TotalMs);
        Assert.True(Model.Predict(model, LatencySettings.Default with { Batch = 8 }).TotalMs > ort.TotalMs);
    }

    [Fact]
    public void Pruning_channels_never_makes_the_prediction_slower()
    {
        var model = LatencyTestModels.ConvChain();
        var full = Model.Predict(model, LatencySettings.Default).TotalMs;
        foreach (var variant in PrunedVariants.Make(model, 5, seed: 1, maxRatio: 0.7))
        {
            Assert.True(Model.Predict(variant, LatencySettings.Default).TotalMs <= full + 1e-9);
        }
    }

    [Fact]
    public void Zeros_speed_up_only_targets_that_skip_them()
    {
        Assert.Equal(1, Model.SparsitySpeedUp(0.9));
        var sparse = new AnalyticLatencyModel(TestProfiles.Host() with
        {
            Sparsity = [new SparsitySupport { Pattern = SparsityPattern.Unstructured, SpeedUp = 3, AtSparsity = 0.8 }],
        });
        Assert.Equal(3, sparse.SparsitySpeedUp(0.9), 9);
        Assert.Equal(2, sparse.SparsitySpeedUp(0.4), 9);
        Assert.Equal(1, sparse.SparsitySpeedUp(0), 9);
    }

    [Fact]
    public void Profiles_without_measured_figures_still_predict()
    {
        var bare = new AnalyticLatencyModel(new HardwareProfile { Name = "bare", ClockGhz = 3, Simd = SimdWidth.FromBits(256) });
        Assert.Equal(3 * 8 * 4, bare.PeakGflops(LatencySettings.Default), 9);
        Assert.True(bare.Predict(LatencyTestModels.ConvChain(), LatencySettings.Default).TotalMs > 0);
    }

    [Fact]
    public void Calibration_fits_each_family_to_its_measured_full_size_layers()
    {
        var signature = LatencyTestModels.Conv3x3(64, 64);
        var ideal = 2.0 * signature.Macs() / 100 / 1e6;
        var table = new LatencyTable
        {
            Fingerprint = "f",
            Settings = LatencySettings.Default,
            Layers = [new LayerTable { Signature = signature, Block = 16, FullMs = ideal / 0.5 }],
        };
        var calibrated = CalibratedLatencyModel.Fit(TestProfiles.Host(), table);
        Assert.Equal(0.5, calibrated.Constants.ConvolutionEfficiency, 9);
        Assert.Equal(AnalyticConstants.Default.DepthwiseEfficiency, calibrated.Constants.DepthwiseEfficiency);
        Assert.Equal(ideal / 0.5, calibrated.SignatureMs(signature, LatencySettings.Default), 9);
    }
}
