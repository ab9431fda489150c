using Shears.Strategy;

namespace Shears.Cli;

/// <summary>The planners `--planner` can name.</summary>
internal static class PlannerNames
{
    private static readonly IPlanner[] All = [new UniformPlanner(), new SensitivityPlanner(), new SearchPlanner()];

    /// <summary>The planner used when none is named.</summary>
    public const string Default = "uniform";

    /// <summary>The planner called <paramref name="name"/>; a usage error listing the names otherwise.</summary>
    public static IPlanner Find(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new UsageException($"--planner '{name}' is not one of {string.Join(", ", All.Select(p => p.Name))}");
}
