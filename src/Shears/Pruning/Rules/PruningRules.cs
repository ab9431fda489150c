using System.Collections.Frozen;

namespace Shears.Pruning.Rules;

/// <summary>
/// The pruning rule of each operator, keyed by op type: every <see cref="IPruningRule"/> in this
/// assembly, each op type claimed once. An op type with no rule blocks every group it touches.
/// </summary>
internal static class PruningRules
{
    private static readonly FrozenDictionary<string, IPruningRule> Table = Build();

    public static IPruningRule? Find(string opType) => Table.GetValueOrDefault(opType);

    /// <summary>Op types that have a rule (including those declared opaque).</summary>
    public static IEnumerable<string> Covered => Table.Keys;

    private static FrozenDictionary<string, IPruningRule> Build()
    {
        var rules = typeof(IPruningRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPruningRule).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IPruningRule)Activator.CreateInstance(t)!);
        var table = new Dictionary<string, IPruningRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var op in rule.OpTypes)
            {
                if (!table.TryAdd(op, rule))
                {
                    throw new InvalidOperationException($"op type {op} has two pruning rules: {table[op].GetType().Name} and {rule.GetType().Name}");
                }
            }
        }
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
