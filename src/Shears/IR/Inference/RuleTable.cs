using System.Collections.Frozen;

namespace Shears.IR.Inference;

/// <summary>Collects rules; registering an op twice is a programming error.</summary>
internal sealed class RuleTable
{
    private readonly Dictionary<string, Action<InferenceContext>> _rules = new(StringComparer.Ordinal);

    public void Add(Action<InferenceContext> rule, params string[] opTypes)
    {
        foreach (var op in opTypes)
        {
            _rules.Add(op, rule);
        }
    }

    public FrozenDictionary<string, Action<InferenceContext>> ToFrozen() => _rules.ToFrozenDictionary(StringComparer.Ordinal);
}
