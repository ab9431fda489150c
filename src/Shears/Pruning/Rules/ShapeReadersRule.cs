using Shears.IR;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Rules;

/// <summary>
/// Shape and Size read only a value's dimensions, which inference recomputes after pruning, so
/// their inputs may lose channels freely.
/// </summary>
internal sealed class ShapeReadersRule : IPruningRule
{
    public IEnumerable<string> OpTypes => ["Shape", "Size"];

    public void Couple(DependencyBuilder graph, Node node)
    {
    }
}
