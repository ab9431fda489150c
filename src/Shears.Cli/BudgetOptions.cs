using System.CommandLine;
using System.Globalization;
using Shears.Strategy;

namespace Shears.Cli;

/// <summary>
/// The budget options `plan` and `optimize` share: exactly one of `--latency 0.25x`, `--latency-ms 2.5`, `--macs`,
/// `--params` or `--bytes` (each a fraction like 0.5 or 0.5x of the dense model), `--batch 1,128` for the batch
/// sizes a latency budget must hold at, and `--max-accuracy-drop` in points.
/// </summary>
internal sealed class BudgetOptions
{
    private readonly Option<string> _latency = new("--latency") { Description = "Latency budget as a fraction of the dense model's, e.g. 0.25x" };
    private readonly Option<double?> _latencyMs = new("--latency-ms") { Description = "Latency budget in milliseconds per run, e.g. 2.5" };
    private readonly Option<string> _macs = new("--macs") { Description = "MACs budget as a fraction of the dense model's, e.g. 0.5x" };
    private readonly Option<string> _params = new("--params") { Description = "Non-zero parameter budget as a fraction of the dense model's, e.g. 0.1x" };
    private readonly Option<string> _bytes = new("--bytes") { Description = "Weight-bytes budget as a fraction of the dense model's, e.g. 0.5x" };
    private readonly Option<string> _batch = new("--batch") { Description = "Batch sizes the latency budget must hold at, e.g. 1,128 (default 1)" };
    private readonly Option<double?> _maxDrop = new("--max-accuracy-drop") { Description = "Most accuracy to lose against the input model, in points (e.g. 1.0)" };

    /// <summary>Adds the options to a command; <paramref name="accuracy"/> adds `--max-accuracy-drop` too.</summary>
    public void AddTo(Command command, bool accuracy)
    {
        command.Options.Add(_latency);
        command.Options.Add(_latencyMs);
        command.Options.Add(_macs);
        command.Options.Add(_params);
        command.Options.Add(_bytes);
        command.Options.Add(_batch);
        if (accuracy)
        {
            command.Options.Add(_maxDrop);
        }
    }

    /// <summary>Whether any budget option was given.</summary>
    public bool IsGiven(ParseResult parse) =>
        parse.GetValue(_latency) is not null || parse.GetValue(_latencyMs) is not null || parse.GetValue(_macs) is not null
        || parse.GetValue(_params) is not null || parse.GetValue(_bytes) is not null;

    /// <summary>The budget given; a usage error when none or more than one is.</summary>
    public PruningBudget Budget(ParseResult parse)
    {
        var given = new List<(string Flag, PruningBudget Budget)>();
        void Fraction(Option<string> option, BudgetKind kind)
        {
            if (parse.GetValue(option) is { } text)
            {
                given.Add((option.Name, new PruningBudget { Kind = kind, Fraction = ParseFraction(option.Name, text) }));
            }
        }
        Fraction(_latency, BudgetKind.Latency);
        if (parse.GetValue(_latencyMs) is { } ms)
        {
            given.Add((_latencyMs.Name, new PruningBudget { Kind = BudgetKind.Latency, Limit = ms > 0 && double.IsFinite(ms) ? ms : throw new UsageException($"--latency-ms {ms.ToString(CultureInfo.InvariantCulture)} must be a positive number of milliseconds") }));
        }
        Fraction(_macs, BudgetKind.Macs);
        Fraction(_params, BudgetKind.Parameters);
        Fraction(_bytes, BudgetKind.Bytes);
        if (given.Count == 0)
        {
            throw new UsageException("a budget is needed: one of --latency 0.25x, --latency-ms MS, --macs 0.5x, --params 0.1x or --bytes 0.5x");
        }
        if (given.Count > 1)
        {
            throw new UsageException($"one budget at a time: {string.Join(" and ", given.Select(g => g.Flag))} were both given");
        }
        return given[0].Budget with { Batches = Batches(parse) };
    }

    /// <summary>The accuracy drop allowed, in points; null when not given.</summary>
    public double? MaxAccuracyDrop(ParseResult parse) => parse.GetValue(_maxDrop) switch
    {
        null => null,
        { } d when d >= 0 && double.IsFinite(d) => d,
        { } d => throw new UsageException($"--max-accuracy-drop {d.ToString(CultureInfo.InvariantCulture)} must be a non-negative number of points"),
    };

    private IReadOnlyList<int> Batches(ParseResult parse)
    {
        if (parse.GetValue(_batch) is not { } text)
        {
            return [1];
        }
        var batches = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b < 1)
            {
                throw new UsageException($"--batch '{text}': '{part}' is not a positive batch size (expected e.g. 1,128)");
            }
            if (!batches.Contains(b))
            {
                batches.Add(b);
            }
        }
        return batches;
    }

    private static double ParseFraction(string flag, string text)
    {
        var number = text.EndsWith('x') || text.EndsWith('X') ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !(f > 0 && f <= 1))
        {
            throw new UsageException($"{flag} '{text}' must be a fraction of the dense model in (0, 1], e.g. 0.25x");
        }
        return f;
    }
}
