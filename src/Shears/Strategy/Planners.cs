namespace Shears.Strategy;

/// <summary>The planners by the names `--planner` takes; an unknown name fails listing the known ones.</summary>
public sealed class Planners
{
    private readonly Dictionary<string, IPlanner> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry of <paramref name="planners"/>; two with one name is a programming error.</summary>
    public Planners(IEnumerable<IPlanner> planners)
    {
        ArgumentNullException.ThrowIfNull(planners);
        foreach (var planner in planners)
        {
            if (!_byName.TryAdd(planner.Name, planner))
            {
                throw new ArgumentException($"two planners are named '{planner.Name}'", nameof(planners));
            }
        }
    }

    /// <summary>The planners Shears ships: uniform, latency, sensitivity and search.</summary>
    public static Planners Default { get; } = new([new UniformPlanner(), new LatencyPlanner(), new SensitivityPlanner(), new SearchPlanner()]);

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys];

    /// <summary>The planner called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOptionException">No planner has that name.</exception>
    public IPlanner Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var planner)
            ? planner
            : throw new InvalidOptionException($"unknown planner '{name}'; known: {string.Join(", ", Names)}", "Planner");
    }
}
