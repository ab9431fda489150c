using System.Collections.Frozen;

namespace Shears.Engine;

/// <summary>Collects kernel factories by op type; registering an op twice is a programming error.</summary>
internal sealed class KernelTable
{
    private readonly Dictionary<string, Func<KernelContext, OpKernel>> _factories = new(StringComparer.Ordinal);

    public void Add(Func<KernelContext, OpKernel> factory, params string[] opTypes)
    {
        foreach (var op in opTypes)
        {
            _factories.Add(op, factory);
        }
    }

    public FrozenDictionary<string, Func<KernelContext, OpKernel>> ToFrozen() => _factories.ToFrozenDictionary(StringComparer.Ordinal);
}
