using Shears.Hardware;

namespace Shears.Tests.Hardware;

public class ProfileCatalogTests
{
    private const string EdgeNpu = """
        {
          // A user's accelerator: the template with a bigger array and faster memory.
          "name": "edge-npu",
          "basedOn": "systolic-array",
          "description": "my NPU",
          "systolicArray": { "rows": 64, "clockGhz": 0.8 },
          "memory": { "bandwidthGBps": 34.1 },
          "sources": { "memory.bandwidthGBps": "board schematic: LPDDR4X x32" },
        }
        """;

    private static ProfileCatalog Catalog(params string[] userDirectories) =>
        BuiltInProfileTests.Catalog(new ProfileCatalogOptions { UserDirectories = userDirectories });

    [Fact]
    public void User_profiles_are_discovered_in_the_user_folders()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("edge-npu.json", EdgeNpu);
        folder.Write("notes.txt", "not a profile");

        var catalog = Catalog(folder.Path);

        var entry = Assert.Single(catalog.Entries, entry => entry.Origin == ProfileOrigin.User);
        Assert.Equal("edge-npu", entry.Name);
        Assert.Equal(Path.Combine(folder.Path, "edge-npu.json"), entry.Location);
    }

    [Fact]
    public void Missing_user_folders_are_skipped()
    {
        var catalog = Catalog(Path.Combine(Path.GetTempPath(), $"shears-no-such-{Guid.NewGuid():N}"));

        Assert.Equal(BuiltInProfileTests.BuiltInNames.Length + 1, catalog.Entries.Count);
    }

    [Fact]
    public void A_user_profile_overrides_the_profile_it_is_based_on()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("edge-npu.json", EdgeNpu);

        var npu = Catalog(folder.Path).Find("edge-npu");

        Assert.Equal(HardwareKind.Accelerator, npu.Kind);
        Assert.Equal("systolic-array", npu.BasedOn);
        Assert.Equal((64, 32), (npu.SystolicArray!.Rows, npu.SystolicArray.Columns));
        Assert.Equal(64 * 32 * 2 * 0.8, npu.Compute.MatrixInt8Gops!.Value, 6);
        Assert.Equal(34.1, npu.Memory.BandwidthGBps);
        Assert.Equal("board schematic: LPDDR4X x32", npu.SourceOf("memory.bandwidthGBps"));
        Assert.Equal($"configured by user in {file}", npu.SourceOf("systolicArray.rows"));
        Assert.StartsWith("template:", npu.SourceOf("systolicArray.columns"), StringComparison.Ordinal);
        Assert.Equal([32], npu.PreferredChannelMultiples);
        var arrayRow = HardwareReport.Rows(npu).Single(row => row.Label == "Systolic array");
        Assert.Equal($"configured by user in {file}; {npu.SourceOf("systolicArray.precision")}", arrayRow.Source);
    }

    [Fact]
    public void A_user_profile_can_build_on_another_user_profile()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("edge-npu.json", EdgeNpu);
        var fastFile = folder.Write("fast.json", """{ "name": "edge-npu-fast", "basedOn": "edge-npu", "systolicArray": { "clockGhz": 1.2 } }""");

        var fast = Catalog(folder.Path).Find("edge-npu-fast");

        Assert.Equal("edge-npu", fast.BasedOn);
        Assert.Equal((64, 32, 1.2), (fast.SystolicArray!.Rows, fast.SystolicArray.Columns, fast.SystolicArray.ClockGhz));
        Assert.Equal(64 * 32 * 2 * 1.2, fast.Compute.MatrixInt8Gops!.Value, 6);
        Assert.Equal($"configured by user in {fastFile}", fast.SourceOf("systolicArray.clockGhz"));
        Assert.Equal("board schematic: LPDDR4X x32", fast.SourceOf("memory.bandwidthGBps"));
    }

    [Fact]
    public void A_null_in_a_user_profile_removes_the_inherited_figure()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("a.json", """{ "name": "slim", "basedOn": "x86-avx2-desktop", "logicalProcessors": null, "cores": 6 }""");

        var slim = Catalog(folder.Path).Find("slim");

        Assert.Null(slim.LogicalProcessors);
        Assert.Equal(6, slim.Cores);
        Assert.Equal(8, slim.Simd!.Float32Lanes);
    }

    [Fact]
    public void Explicit_paths_add_files_and_folders()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("one/edge-npu.json", EdgeNpu);
        folder.Write("two/other.json", """{ "name": "other", "basedOn": "arm-neon-a76" }""");

        var catalog = BuiltInProfileTests.Catalog(new ProfileCatalogOptions
        {
            UserDirectories = [],
            ExtraPaths = [file, Path.Combine(folder.Path, "two")],
        });

        Assert.Contains("edge-npu", catalog.Names);
        Assert.Contains("other", catalog.Names);
        Assert.Equal(4, catalog.Find("other").Cores);
    }

    [Fact]
    public void A_profile_file_can_be_named_by_its_path()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("edge-npu.json", EdgeNpu);

        Assert.Equal("edge-npu", Catalog().Find(file).Name);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ShearsException>(() => Catalog().Find("tpu-v9"));

        Assert.StartsWith("unknown hardware profile 'tpu-v9'; known: host, arm-neon-a76, nvidia-ampere-a100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x86-avx2-desktop" }""", "hardware profile 'x86-avx2-desktop' is defined twice")]
    [InlineData("""{ "name": "host" }""", "the name 'host' is reserved")]
    [InlineData("""{ "kind": "cpu" }""", "missing name")]
    [InlineData("""[1, 2]""", "a profile must be a JSON object")]
    [InlineData("""{ "name": "x", """, "invalid JSON")]
    public void Broken_user_folders_fail_when_the_catalog_loads(string content, string expected)
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Write("bad.json", content);

        var error = Assert.Throws<ShearsException>(() => Catalog(folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x", "basedOn": "nothing" }""", "basedOn 'nothing' is not a known profile")]
    [InlineData("""{ "name": "x", "basedOn": "x" }""", "basedOn forms a cycle: x -> x")]
    [InlineData("""{ "name": "x", "basedOn": "systolic-array", "memory": { "bandwidthGBps": -1 } }""", "profile 'x': memory.bandwidthGBps must be a positive")]
    [InlineData("""{ "name": "x", "basedOn": "systolic-array", "sparsity": [{ "pattern": "checkerboard" }] }""", "unknown sparsity pattern 'checkerboard'")]
    public void Broken_user_profiles_fail_when_used(string content, string expected)
    {
        using var folder = new TemporaryDirectory();
        folder.Write("x.json", content);
        var catalog = Catalog(folder.Path);

        var error = Assert.Throws<ShearsException>(() => catalog.Find("x"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Host_comes_from_the_supplied_detector_once()
    {
        var calls = 0;
        var host = new HardwareProfile { Name = "host", Sources = new Dictionary<string, string> { ["cores"] = "test" } };
        var catalog = BuiltInProfileTests.Catalog(new ProfileCatalogOptions { Host = () => { calls++; return host; } });

        Assert.Same(host, catalog.Find("host"));
        Assert.Same(host, catalog.Find("HOST"));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Catalog_host_uses_the_detector()
    {
        using var host = new FakeHost();
        var catalog = BuiltInProfileTests.Catalog(new ProfileCatalogOptions { Host = () => host.Detector().Detect() });

        var profile = catalog.Find("host");

        Assert.Equal("host", profile.Name);
        Assert.Contains("Test CPU 9000", profile.Description, StringComparison.Ordinal);
    }
}
