using Shears.Hardware.Latency;

namespace Shears.Tests.Hardware.Latency;

public sealed class LatencyTableTests
{
    private static readonly LatencySettings Settings = LatencySettings.Default;

    private static LayerTable Table(LayerSignature signature, Func<int, int, double> latency)
    {
        var full = latency((int)signature.InputChannels, (int)signature.OutputChannels);
        return new LayerTable
        {
            Signature = signature,
            Block = 16,
            FullMs = full,
            OutputPoints = [.. ChannelSweep.For((int)signature.OutputChannels, 16).Select(c => new LatencyPoint(c, latency((int)signature.InputChannels, c)))],
            InputPoints = [.. ChannelSweep.For((int)signature.InputChannels, 16).Select(c => new LatencyPoint(c, latency(c, (int)signature.OutputChannels)))],
        };
    }

    private static double Work(int input, int output) => 0.001 * input * ((output + 15) / 16 * 16);

    [Theory]
    [InlineData(64, 64)]
    [InlineData(32, 48)]
    [InlineData(48, 17)]
    [InlineData(16, 100)]
    public void Two_axes_combine_as_a_product_of_relative_costs(int input, int output)
    {
        var reader = new LayerTableReader(Table(LatencyTestModels.Conv3x3(64, 128), Work));
        Assert.Equal(Work(input, output), reader.At(input, output), 6);
    }

    [Fact]
    public void A_layer_finds_the_smallest_measured_size_that_covers_it()
    {
        var small = Table(LatencyTestModels.Conv3x3(64, 64), Work);
        var large = Table(LatencyTestModels.Conv3x3(128, 128), Work);
        var other = Table(LatencyTestModels.Conv3x3(64, 64) with { Strides = [2, 2] }, Work);
        var table = new LatencyTable { Fingerprint = "f", Settings = Settings, Layers = [large, small, other] };
        Assert.Same(small, table.Find(LatencyTestModels.Conv3x3(40, 60)));
        Assert.Same(large, table.Find(LatencyTestModels.Conv3x3(40, 100)));
        Assert.Same(large, table.Find(LatencyTestModels.Conv3x3(200, 100)));
        Assert.Null(table.Find(LatencyTestModels.Conv3x3(64, 64) with { Kernel = [5, 5] }));
    }

    [Fact]
    public void Adding_a_layer_of_the_same_key_replaces_it()
    {
        var first = Table(LatencyTestModels.Conv3x3(64, 64), Work);
        var again = first with { FullMs = 1 };
        var table = new LatencyTable { Fingerprint = "f", Settings = Settings }.With([first]).With([again]);
        Assert.Equal(1, Assert.Single(table.Layers).FullMs);
    }

    [Fact]
    public void The_store_round_trips_and_keys_by_host_and_setting()
    {
        using var folder = new TemporaryDirectory();
        var store = new LatencyTableStore(Path.Combine(folder.Path, "nested", "latency"));
        var table = new LatencyTable
        {
            Fingerprint = "abc123",
            Settings = Settings,
            MeasuredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Layers = [Table(LatencyTestModels.Conv3x3(64, 64) with { Activation = FusedActivation.Relu }, Work)],
            Overheads = [new DispatchOverhead("model", 20, 0.005)],
        };
        store.Save(table);
        var loaded = store.TryLoad("abc123", Settings);
        Assert.NotNull(loaded);
        Assert.Equal(table.MeasuredAt, loaded.MeasuredAt);
        var layer = Assert.Single(loaded.Layers);
        Assert.Equal(table.Layers[0].Signature.Key, layer.Signature.Key);
        Assert.Equal(table.Layers[0].OutputPoints, layer.OutputPoints);
        Assert.Equal(0.005, loaded.NodeOverheadMs());
        Assert.Null(store.TryLoad("other", Settings));
        Assert.Null(store.TryLoad("abc123", Settings with { Threads = 2 }));
        Assert.Empty(Directory.GetFiles(store.Directory, "*.tmp"));
    }

    [Fact]
    public void A_damaged_or_old_store_file_reads_as_absent()
    {
        using var folder = new TemporaryDirectory();
        var store = new LatencyTableStore(folder.Path);
        File.WriteAllText(store.PathFor("abc", Settings), "{ not json");
        Assert.Null(store.TryLoad("abc", Settings));
        File.WriteAllText(store.PathFor("abc", Settings), """{ "format": 0, "fingerprint": "abc", "settings": {} }""");
        Assert.Null(store.TryLoad("abc", Settings));
    }

    [Fact]
    public void Settings_keys_name_runtime_threads_and_batch()
    {
        Assert.Equal("onnxruntime-t1-b1", LatencySettings.Default.Key);
        Assert.Equal("engine-t2-b8", new LatencySettings { Runtime = LatencyRuntime.Engine, Threads = 2, Batch = 8 }.Key);
        Assert.Throws<ShearsException>(() => new LatencySettings { Threads = 0 }.Validate());
        Assert.Throws<ShearsException>(() => new LatencySettings { Batch = 0 }.Validate());
    }
}
