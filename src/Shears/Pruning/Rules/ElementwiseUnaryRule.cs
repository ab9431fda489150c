using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>Every elementwise op of one input (activations, casts, math): the output carries the input's channels one to one.</summary>
internal sealed class ElementwiseUnaryRule : IPruningRule
{
    public IEnumerable<string> OpTypes => OpTraits.All.Where(kv => kv.Value == OpCategory.ElementwiseUnary).Select(kv => kv.Key);

    public void Couple(DependencyBuilder graph, Node node) => graph.PassThrough(node);
}
