using Shears.Strategy;

namespace Shears.Cli;

/// <summary>The planners `--planner` can name, as usage errors when the name is unknown.</summary>
internal static class PlannerNames
{
    /// <summary>The planner used when none is named.</summary>
    public const string Default = "latency";

    /// <summary>What the option's help lists.</summary>
    public static string Choices => $"{string.Join(" | ", Planners.Default.Names)} (default {Default})";

    /// <summary>The planner called <paramref name="name"/>; a usage error listing the names otherwise.</summary>
    public static IPlanner Find(string? name)
    {
        var chosen = name ?? Default;
        return Planners.Default.Names.Contains(chosen, StringComparer.OrdinalIgnoreCase)
            ? Planners.Default.Find(chosen)
            : throw new UsageException($"--planner '{chosen}': unknown planner; known: {string.Join(", ", Planners.Default.Names)}");
    }
}
