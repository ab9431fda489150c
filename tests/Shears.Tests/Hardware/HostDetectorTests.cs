using Shears.Hardware;
using Shears.Hardware.Host;

namespace Shears.Tests.Hardware;

public class HostDetectorTests
{
    [Fact]
    public void First_detection_measures_and_caches_under_the_fingerprint()
    {
        using var host = new FakeHost();
        var detector = host.Detector();

        var profile = detector.Detect();

        Assert.Equal(1, host.Measurements);
        Assert.True(File.Exists(detector.Cache.PathFor(profile.Fingerprint!)));
        Assert.Equal(100, profile.Compute.Float32GflopsPerCore);
        Assert.Equal(150, profile.Compute.Float32Gflops);
        Assert.Equal(10, profile.Memory.SingleCoreBandwidthGBps);
        Assert.Equal(15, profile.Memory.BandwidthGBps);
        Assert.Equal(
            $"measured on host {profile.Fingerprint} at 2025-11-28 12:00 UTC: fake multiply-add, 2 threads",
            profile.SourceOf("compute.float32Gflops"));
        Assert.Empty(ProfileValidator.Problems(profile));
    }

    [Fact]
    public void A_cache_hit_avoids_measuring_again()
    {
        using var host = new FakeHost();
        var first = host.Detector().Detect();
        host.Now = host.Now.AddDays(3);

        var second = host.Detector().Detect();

        Assert.Equal(1, host.Measurements);
        Assert.Equal(ProfileJson.Serialize(first), ProfileJson.Serialize(second));
    }

    [Fact]
    public void Remeasure_replaces_the_cached_figures()
    {
        using var host = new FakeHost();
        host.Detector().Detect();
        host.Now = host.Now.AddDays(3);

        var again = host.Detector().Detect(MeasurementPolicy.Remeasure);
        var cached = host.Detector().Detect();

        Assert.Equal(2, host.Measurements);
        Assert.Contains("2025-12-01", again.SourceOf("compute.float32Gflops"), StringComparison.Ordinal);
        Assert.Contains("2025-12-01", cached.SourceOf("compute.float32Gflops"), StringComparison.Ordinal);
    }

    [Fact]
    public void All_core_figures_below_the_one_thread_ones_are_replaced_and_explained()
    {
        using var host = new FakeHost();
        host.Result = host.Result with { Float32GflopsAllCores = 90, BandwidthGBpsAllCores = 9 };

        var profile = host.Detector().Detect();

        Assert.Equal(100, profile.Compute.Float32Gflops);
        Assert.Equal(10, profile.Memory.BandwidthGBps);
        Assert.EndsWith("1 thread (2 threads measured lower, the machine was busy)", profile.SourceOf("memory.bandwidthGBps"), StringComparison.Ordinal);
        Assert.Empty(ProfileValidator.Problems(profile));
    }

    [Fact]
    public void Skip_returns_the_static_part_without_measuring_or_caching()
    {
        using var host = new FakeHost();

        var profile = host.Detector().Detect(MeasurementPolicy.Skip);

        Assert.Equal(0, host.Measurements);
        Assert.False(Directory.Exists(host.CacheDirectory));
        Assert.Null(profile.Compute.Float32GflopsPerCore);
        Assert.Null(profile.Memory.BandwidthGBps);
        Assert.EndsWith("(not measured)", profile.Description, StringComparison.Ordinal);
        Assert.Equal(16384L * 1024, profile.Memory.CapacityBytes);
        Assert.Empty(ProfileValidator.Problems(profile));
    }

    [Fact]
    public void A_damaged_cache_file_is_measured_again()
    {
        using var host = new FakeHost();
        var detector = host.Detector();
        var fingerprint = detector.Detect().Fingerprint!;
        File.WriteAllText(detector.Cache.PathFor(fingerprint), "{ not json");

        detector.Detect();

        Assert.Equal(2, host.Measurements);
        Assert.NotNull(detector.Cache.TryRead(fingerprint));
    }

    [Fact]
    public void A_cache_of_another_fingerprint_or_format_is_ignored()
    {
        using var host = new FakeHost();
        var detector = host.Detector();
        var fingerprint = detector.Detect().Fingerprint!;
        var record = detector.Cache.TryRead(fingerprint)!;

        detector.Cache.Write(record with { Format = MeasurementRecord.CurrentFormat + 1 });
        Assert.Null(detector.Cache.TryRead(fingerprint));
        File.Copy(detector.Cache.PathFor(fingerprint), detector.Cache.PathFor("0000000000000000"));
        Assert.Null(detector.Cache.TryRead("0000000000000000"));
    }

    [Fact]
    public void An_unwritable_cache_does_not_stop_detection()
    {
        using var host = new FakeHost();
        using var blocker = new TemporaryDirectory();
        var notAFolder = blocker.Write("file", "in the way");

        var profile = new HostDetector(host.Options with { CacheDirectory = Path.Combine(notAFolder, "hardware") }).Detect();

        Assert.Equal(150, profile.Compute.Float32Gflops);
        Assert.Equal(1, host.Measurements);
    }
}
