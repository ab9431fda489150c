using Shears.Hardware;

namespace Shears.Tests.Hardware;

public class BuiltInProfileTests
{
    internal static readonly string[] BuiltInNames = ["arm-neon-a76", "nvidia-ampere-a100", "systolic-array", "x86-avx2-desktop", "x86-avx512-server"];

    internal static ProfileCatalog Catalog(ProfileCatalogOptions? options = null) =>
        ProfileCatalog.Load((options ?? new ProfileCatalogOptions()) with
        {
            UserDirectories = options?.UserDirectories ?? [],
            Host = options?.Host ?? (() => throw new InvalidOperationException("tests must not detect the host")),
        });

    public static TheoryData<string> Names() => [.. BuiltInNames];

    [Fact]
    public void Catalog_lists_the_host_then_every_built_in_profile()
    {
        var catalog = Catalog();

        Assert.Equal(["host", .. BuiltInNames], catalog.Names);
        Assert.Equal(ProfileOrigin.Host, catalog.Entries[0].Origin);
        Assert.All(catalog.Entries.Skip(1), entry => Assert.Equal(ProfileOrigin.BuiltIn, entry.Origin));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Built_in_profile_loads_validates_and_sources_every_figure(string name)
    {
        var profile = Catalog().Find(name);

        Assert.Equal(name, profile.Name);
        Assert.Empty(ProfileValidator.Problems(profile));
        Assert.False(string.IsNullOrWhiteSpace(profile.Description));
        Assert.NotEmpty(profile.PreferredChannelMultiples);
        Assert.NotEmpty(profile.Sparsity);
        Assert.NotNull(profile.Memory.BandwidthGBps);
        Assert.All(
            HardwareReport.Rows(profile).Where(row => row.Label is not ("Profile" or "Kind" or "Description")),
            row => Assert.False(string.IsNullOrWhiteSpace(row.Source), $"{row.Label} has no source"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Built_in_profile_survives_a_round_trip(string name)
    {
        var profile = Catalog().Find(name);
        var json = ProfileJson.Serialize(profile);

        Assert.Equal(json, ProfileJson.Serialize(ProfileJson.Deserialize(json, name)));
    }

    [Theory]
    [InlineData("x86-avx2-desktop", 8)]
    [InlineData("x86-avx512-server", 16)]
    [InlineData("arm-neon-a76", 4)]
    public void Cpu_profiles_prefer_one_vector_of_float32_channels(string name, int lanes)
    {
        var profile = Catalog().Find(name);

        Assert.Equal(HardwareKind.Cpu, profile.Kind);
        Assert.Equal(lanes, profile.Simd!.Float32Lanes);
        Assert.Equal(lanes, profile.PrimaryChannelMultiple());
        Assert.True(profile.Compute.Float32GflopsPerCore * profile.Cores >= profile.Compute.Float32Gflops * 0.99);
    }

    [Fact]
    public void Ampere_doubles_tensor_core_throughput_with_two_of_four_sparsity()
    {
        var a100 = Catalog().Find("nvidia-ampere-a100");
        var twoOfFour = a100.SparsityFor(SparsityPattern.NOfM);

        Assert.Equal(HardwareKind.Gpu, a100.Kind);
        Assert.Equal(19500, a100.Compute.Float32Gflops);
        Assert.Equal(156000, a100.Compute.For(Precision.Tf32));
        Assert.Equal(312000, a100.Compute.For(Precision.Float16));
        Assert.Equal(1555, a100.Memory.BandwidthGBps);
        Assert.Equal([8, 16, 64], a100.PreferredChannelMultiples);
        Assert.NotNull(twoOfFour);
        Assert.Equal((2, 4, 2.0), (twoOfFour.N, twoOfFour.M, twoOfFour.SpeedUp));
        Assert.Equal(1, a100.SparsityFor(SparsityPattern.Unstructured)!.SpeedUp);
    }

    [Fact]
    public void Systolic_array_peak_is_derived_from_its_shape()
    {
        var array = Catalog().Find("systolic-array");

        Assert.Equal(HardwareKind.Accelerator, array.Kind);
        Assert.Equal(32 * 32 * 2 * 1.0, array.Compute.MatrixInt8Gops);
        Assert.StartsWith("derived from systolicArray", array.SourceOf("compute.matrixInt8Gops"), StringComparison.Ordinal);
        Assert.Equal(2L << 20, array.SystolicArray!.OnChipBufferBytes);
    }

    [Fact]
    public void Names_are_found_case_insensitively_and_resolved_once()
    {
        var catalog = Catalog();

        Assert.Same(catalog.Find("X86-AVX2-Desktop"), catalog.Find("x86-avx2-desktop"));
    }
}
