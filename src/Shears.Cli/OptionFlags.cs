namespace Shears.Cli;

/// <summary>The command-line flag of each library option name, so library errors read in the CLI's words.</summary>
internal static class OptionFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["Ratio"] = "--ratio",
        ["Threshold"] = "--threshold",
        ["RoundTo"] = "--round-to",
        ["N"] = "--n",
        ["M"] = "--m",
        ["BlockRows"] = "--block rows",
        ["BlockColumns"] = "--block columns",
        ["Mode"] = "--mode",
        ["Granularity"] = "--granularity",
        ["Criterion"] = "--criterion",
        ["Ignore"] = "--ignore",
        ["Scope"] = "--scope",
        ["Seed"] = "--seed",
        ["Resize"] = "--resize",
        ["Crop"] = "--crop",
        ["Mean"] = "--mean",
        ["StandardDeviation"] = "--std",
        ["Layout"] = "--layout",
        ["ValidationFraction"] = "--validation-split",
        ["LabelColumn"] = "--label-column",
        ["InputsArray"] = "--inputs-array",
        ["LabelsArray"] = "--labels-array",
    };

    public static string Of(string option) => Flags.GetValueOrDefault(option, option);
}
