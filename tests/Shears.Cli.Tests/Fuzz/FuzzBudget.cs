using System.Globalization;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// How many cases a campaign runs: a fixed minimum always (so every run covers the same seeded cases), more while
/// <see cref="Time"/> lasts. SHEARS_FUZZ_SCALE multiplies all three (0.2 for a quick look, 10 for a long soak);
/// SHEARS_FUZZ_CASE=i runs case i alone.
/// </summary>
internal sealed record FuzzBudget(int MinimumCases, int MaximumCases, TimeSpan Time)
{
    private static double Scale =>
        double.TryParse(Environment.GetEnvironmentVariable("SHEARS_FUZZ_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;

    private static int? Only =>
        int.TryParse(Environment.GetEnvironmentVariable("SHEARS_FUZZ_CASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static FuzzBudget Of(int minimumCases, int maximumCases, double seconds) =>
        Only is not null
            ? new FuzzBudget(1, 1, TimeSpan.Zero)
            : new FuzzBudget((int)Math.Ceiling(minimumCases * Scale), (int)Math.Ceiling(maximumCases * Scale), TimeSpan.FromSeconds(seconds * Scale));

    public IEnumerable<int> CaseIndices() => Only is { } only ? [only] : Enumerable.Range(0, int.MaxValue);
}
