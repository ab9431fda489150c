using System.Globalization;
using System.Text;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>What a campaign ran and what broke: one example per distinct failure.</summary>
internal sealed record FuzzReport(string SeedName, int Cases, TimeSpan Elapsed, IReadOnlyDictionary<int, int> ExitCodes, int Failed, IReadOnlyList<string> Failures)
{
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{SeedName}: {Cases} cases in {Elapsed.TotalSeconds:0.0} s, exit codes {string.Join(", ", ExitCodes.Select(p => $"{p.Key}×{p.Value}"))}, {Failed} broke the promise");

    public string Details()
    {
        var text = new StringBuilder(Summary).AppendLine();
        foreach (var failure in Failures)
        {
            text.Append("  ").AppendLine(failure);
        }
        return text.ToString();
    }
}
