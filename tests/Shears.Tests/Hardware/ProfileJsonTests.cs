using System.Collections.Immutable;
using Shears.Hardware;

namespace Shears.Tests.Hardware;

public class ProfileJsonTests
{
    private const string Minimal = """
        {
          "name": "tiny",
          "kind": "cpu",
          "cores": 2,
          "memory": { "bandwidthGBps": 10 },
          "sources": { "cores": "a datasheet", "memory": "another datasheet" }
        }
        """;

    internal static HardwareProfile Sample() => new()
    {
        Name = "sample",
        Kind = HardwareKind.Gpu,
        Description = "a made-up device",
        Cores = 4,
        LogicalProcessors = 8,
        ClockGhz = 1.5,
        Simd = SimdWidth.FromBits(256),
        InstructionSets = [InstructionSet.Avx2, InstructionSet.Avx512BW, InstructionSet.ArmDotProduct],
        Caches = [new CacheInfo { Level = 1, Type = CacheType.Data, SizeBytes = 32768, Scope = CacheScope.PerCore }],
        Compute = new PeakCompute { Float32GflopsPerCore = 10, Float32Gflops = 40, MatrixFloat16Gflops = 400 },
        Memory = new MemoryFigures { BandwidthGBps = 100, CapacityBytes = 1L << 30 },
        PreferredChannelMultiples = [8, 64],
        Sparsity =
        [
            new SparsitySupport { Pattern = SparsityPattern.NOfM, N = 2, M = 4, SpeedUp = 2, AtSparsity = 0.5, RequiresSparseKernels = true },
            new SparsitySupport { Pattern = SparsityPattern.Block, BlockRows = 16, BlockColumns = 1, SpeedUp = 1.5 },
        ],
        Sources = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["cores"] = "spec",
            ["logicalProcessors"] = "spec",
            ["clockGhz"] = "spec",
            ["simd"] = "spec",
            ["instructionSets"] = "spec",
            ["caches"] = "spec",
            ["compute"] = "spec",
            ["memory"] = "spec",
            ["preferredChannelMultiples"] = "spec",
            ["sparsity"] = "spec",
        }),
    };

    [Fact]
    public void Profile_survives_a_round_trip_through_json()
    {
        var json = ProfileJson.Serialize(Sample());
        var back = ProfileJson.Deserialize(json, "test");

        Assert.Equal(json, ProfileJson.Serialize(back));
        Assert.Equal(Sample().Compute, back.Compute);
        Assert.Equal(Sample().Sparsity, back.Sparsity);
        Assert.Equal(Sample().InstructionSets, back.InstructionSets);
    }

    [Fact]
    public void Json_uses_camel_case_properties_and_kebab_case_enums()
    {
        var json = ProfileJson.Serialize(Sample());

        Assert.Contains("\"preferredChannelMultiples\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"gpu\"", json, StringComparison.Ordinal);
        Assert.Contains("\"avx512-bw\"", json, StringComparison.Ordinal);
        Assert.Contains("\"n:m\"", json, StringComparison.Ordinal);
        Assert.Equal(SparsityPattern.NOfM, ProfileJson.Deserialize(json.Replace("\"n:m\"", "\"n-of-m\"", StringComparison.Ordinal), "legacy").SparsityFor(SparsityPattern.NOfM)?.Pattern);
        Assert.Contains("\"per-core\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_are_read_case_insensitively_and_by_member_name()
    {
        var profile = ProfileJson.Deserialize(Minimal.Replace("\"cpu\"", "\"Accelerator\"", StringComparison.Ordinal), "test");

        Assert.Equal(HardwareKind.Accelerator, profile.Kind);
    }

    [Fact]
    public void Minimal_profile_loads_with_defaults()
    {
        var profile = ProfileJson.Deserialize(Minimal, "test");

        Assert.Equal("tiny", profile.Name);
        Assert.Equal(2, profile.Cores);
        Assert.Equal(10, profile.Memory.BandwidthGBps);
        Assert.Null(profile.Compute.Float32Gflops);
        Assert.Equal("another datasheet", profile.SourceOf("memory.bandwidthGBps"));
        Assert.Equal(1, profile.PrimaryChannelMultiple());
    }

    [Theory]
    [InlineData("\"kind\": \"cpu\"", "\"kind\": \"fpga\"", "unknown hardware kind 'fpga' (known: cpu, gpu, accelerator) (at $.kind)")]
    [InlineData("\"bandwidthGBps\": 10", "\"bandwidthGBps\": -5", "memory.bandwidthGBps must be a positive finite number (got -5)")]
    [InlineData("\"name\": \"tiny\",", "", "missing name")]
    [InlineData("\"cores\": 2", "\"cores\": 0", "cores must be at least 1 (got 0)")]
    [InlineData("\"bandwidthGBps\": 10", "\"bandwith\": 10", "'bandwith' could not be mapped")]
    [InlineData("\"cores\": 2", "\"cores\": \"two\"", "(at $.cores)")]
    [InlineData("\"cores\": \"a datasheet\", ", "", "no source for cores")]
    [InlineData("\"cores\": 2,", "\"cores\": 2,,", "invalid JSON at line 4")]
    public void Bad_profiles_fail_with_a_clear_one_line_message(string find, string replace, string expected)
    {
        var json = Minimal.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ShearsException>(() => ProfileJson.Deserialize(json, "my.json"));

        Assert.StartsWith("my.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Validation_reports_every_problem_and_counts_the_rest_in_the_message()
    {
        var broken = Sample() with
        {
            Cores = 0,
            Memory = new MemoryFigures { BandwidthGBps = double.NaN },
            Sparsity = [new SparsitySupport { Pattern = SparsityPattern.NOfM, N = 4, M = 4 }],
        };

        var problems = ProfileValidator.Problems(broken);
        var error = Assert.Throws<ShearsException>(() => ProfileValidator.Validate(broken, "test"));

        Assert.Equal(3, problems.Count);
        Assert.Contains("cores must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("(and 2 more)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SparsityPattern.Block, null, null, null, null, "needs positive blockRows and blockColumns")]
    [InlineData(SparsityPattern.Unstructured, 2, 4, null, null, "n and m apply only to n:m sparsity")]
    [InlineData(SparsityPattern.NOfM, 2, 4, 1, 16, "blockRows and blockColumns apply only to block sparsity")]
    public void Sparsity_entries_must_match_their_pattern(SparsityPattern pattern, int? n, int? m, int? rows, int? columns, string expected)
    {
        var profile = Sample() with
        {
            Sparsity = [new SparsitySupport { Pattern = pattern, N = n, M = m, BlockRows = rows, BlockColumns = columns }],
        };

        Assert.Contains(ProfileValidator.Problems(profile), problem => problem.Contains(expected, StringComparison.Ordinal));
    }
}
