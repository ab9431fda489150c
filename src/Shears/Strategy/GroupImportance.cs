using Shears.IR;
using Shears.Pruning;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;

namespace Shears.Strategy;

/// <summary>
/// The importance of a model's channel groups, each unit's score divided by its group's mean so that groups of different
/// scale compare (an average unit is worth 1 anywhere); the latency planner's knapsack values and the measure by which
/// plans are compared (<see cref="KeptFraction"/>).
/// </summary>
public sealed class GroupImportance
{
    private GroupImportance(DependencyGraph dependencies, IReadOnlyList<DependencyGroup> groups, IReadOnlyList<double[]> scores, IReadOnlyList<string> notes)
    {
        Dependencies = dependencies;
        Groups = groups;
        Scores = scores;
        Notes = notes;
    }

    /// <summary>The dependency graph the groups come from.</summary>
    public DependencyGraph Dependencies { get; }

    /// <summary>The prunable channel groups, in graph order.</summary>
    public IReadOnlyList<DependencyGroup> Groups { get; }

    /// <summary>Per group, one normalised score per unit (mean 1 unless every score is zero).</summary>
    public IReadOnlyList<double[]> Scores { get; }

    /// <summary>Groups scored by a fallback criterion, with why.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Scores the prunable channel groups of <paramref name="model"/> by the options' criterion.</summary>
    public static GroupImportance Of(Model model, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var dependencies = DependencyGraph.Build(model, CouplingPolicy.Channels, options.Shapes, options.Ignore);
        var groups = dependencies.PrunableGroups.Where(g => g.Kind == GroupKind.Channels).ToList();
        var parameters = new ChannelParameters(dependencies);
        var statistics = SliceStatistics.Compute(dependencies.Model.Graph, groups.SelectMany(g => g.Values).Distinct().SelectMany(parameters.Of), gradients);
        var scorer = new GroupScorer(parameters, statistics, options.Criterion, options.Aggregation, options.Seed);
        var scores = groups.Select(g =>
        {
            var raw = scorer.Score(g);
            var mean = raw.Length == 0 ? 0 : raw.Average();
            return mean > 0 ? raw.Select(s => s / mean).ToArray() : raw.Select(_ => 1.0).ToArray();
        }).ToList();
        return new GroupImportance(dependencies, groups, scores, scorer.Notes);
    }

    /// <summary>Units group <paramref name="group"/> loses first, in order (lowest score first, ties by index), as <see cref="UnitSelector.Lowest(double[], int)"/> removes them.</summary>
    public int[] RemovalOrder(int group) => [.. Enumerable.Range(0, Scores[group].Length).OrderBy(u => Scores[group][u]).ThenBy(u => u)];

    /// <summary>
    /// The share of the groups' summed importance that <paramref name="plan"/> keeps (1 when it removes no channel);
    /// groups the plan does not name keep everything.
    /// </summary>
    public double KeptFraction(PruningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var decided = plan.ChannelGroups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        double total = 0;
        double kept = 0;
        for (var g = 0; g < Groups.Count; g++)
        {
            total += Scores[g].Sum();
            kept += decided.TryGetValue(Groups[g].Key, out var decision) && decision.Kept is { } units
                ? units.Sum(u => Scores[g][u])
                : Scores[g].Sum();
        }
        return total > 0 ? kept / total : 1;
    }
}
