using Shears.IR;
using Shears.Numerics;
using Shears.Pruning.Dependency;
using Shears.Pruning.Structured;

namespace Shears.Hardware.Latency;

/// <summary>
/// Structurally pruned copies of a model with a different, seeded removal ratio for every channel
/// group: the spread of shapes a planner explores, for checking a latency model against measurements.
/// </summary>
public static class PrunedVariants
{
    /// <summary>Makes <paramref name="count"/> variants; variant i depends only on the seed, the name and i.</summary>
    /// <param name="model">The model to prune.</param>
    /// <param name="count">How many variants.</param>
    /// <param name="seed">Seeds every choice.</param>
    /// <param name="maxRatio">Each group loses a fraction drawn uniformly from [0, maxRatio).</param>
    /// <param name="name">Separates the random streams of different models.</param>
    public static IReadOnlyList<Model> Make(Model model, int count, ulong seed, double maxRatio = 0.75, string name = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxRatio is < 0 or >= 1)
        {
            throw new ShearsException($"the largest ratio {maxRatio} must lie in [0, 1)");
        }
        var dependencies = DependencyGraph.Build(model);
        var groups = dependencies.PrunableGroups.Where(group => group.Kind == GroupKind.Channels && group.Units.Count > 1).ToList();
        var variants = new List<Model>(count);
        for (var i = 0; i < count; i++)
        {
            var random = Rng.ForStream(seed, $"{name}/{i}");
            var removals = new Dictionary<DependencyGroup, IReadOnlyCollection<int>>();
            foreach (var group in groups)
            {
                var units = group.Units.Count;
                var remove = Math.Min(units - 1, (int)Math.Floor(units * random.NextDouble() * maxRatio));
                removals[group] = Choose(random, units, remove);
            }
            variants.Add(ChannelPruner.Apply(dependencies, removals));
        }
        return variants;
    }

    // A partial Fisher-Yates shuffle: which units go does not change the latency, only how many.
    private static int[] Choose(Rng random, int units, int count)
    {
        var indices = Enumerable.Range(0, units).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(units - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return [.. indices.Take(count).Order()];
    }
}
