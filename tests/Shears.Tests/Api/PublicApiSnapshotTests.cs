using System.Reflection;
using Shears.Testing;

namespace Shears.Tests.Api;

/// <summary>
/// The public API of each packed library matches its listing under api/. A change to the API must come with the
/// regenerated listing, so it is a visible diff in review: run with SHEARS_ACCEPT_API=1 to rewrite the listings.
/// </summary>
public sealed class PublicApiSnapshotTests
{
    public static TheoryData<string> Libraries => new() { "Shears", "Shears.OnnxRuntime" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Public_api_matches_the_checked_in_listing(string library)
    {
        var assembly = library == "Shears" ? typeof(ShearsModel).Assembly : typeof(OnnxRuntime.OnnxRuntimeSession).Assembly;
        var actual = PublicApiListing.Of(assembly);
        var path = RepositoryRoot.Combine("api", $"{library}.txt");
        if (Environment.GetEnvironmentVariable("SHEARS_ACCEPT_API") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"no API listing at {path}; run the test with SHEARS_ACCEPT_API=1 to write it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
            var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
            var added = actual.Split('\n').Where(l => !expectedLines.Contains(l)).Take(20);
            var removed = expected.Split('\n').Where(l => !actualLines.Contains(l)).Take(20);
            Assert.Fail($"the public API of {library} differs from {path} (rewrite it with SHEARS_ACCEPT_API=1 if the change is meant):\n"
                + string.Join('\n', removed.Select(l => "- " + l)) + "\n" + string.Join('\n', added.Select(l => "+ " + l)));
        }
    }

    [Fact]
    public void The_listing_names_the_entry_points_the_sample_uses()
    {
        var listing = PublicApiListing.Of(typeof(ShearsModel).Assembly);
        Assert.Contains("sealed class Shears.ShearsModel", listing, StringComparison.Ordinal);
        Assert.Contains("static Shears.ShearsModel Load(String path)", listing, StringComparison.Ordinal);
        Assert.Contains("static Shears.Hardware.HardwareProfile Host()", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(Assembly.GetExecutingAssembly().GetName().Name!, listing, StringComparison.Ordinal);
    }
}
