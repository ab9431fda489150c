using System.Collections.Frozen;

namespace Shears.Engine;

/// <summary>Collects executor factories by op type; registering an op twice is a programming error.</summary>
internal sealed class OpExecutorTable
{
    private readonly Dictionary<string, Func<OpExecutorContext, OpExecutor>> _factories = new(StringComparer.Ordinal);

    public void Add(Func<OpExecutorContext, OpExecutor> factory, params string[] opTypes)
    {
        foreach (var op in opTypes)
        {
            _factories.Add(op, factory);
        }
    }

    public FrozenDictionary<string, Func<OpExecutorContext, OpExecutor>> ToFrozen() => _factories.ToFrozenDictionary(StringComparer.Ordinal);
}
