namespace Shears.Pruning.Layers;

/// <summary>A removable residual branch: y = skip + branch(skip); removing it leaves y = skip.</summary>
/// <param name="Add">The Add node joining skip and branch.</param>
/// <param name="Skip">The value passed around the branch.</param>
/// <param name="Nodes">The branch's nodes, in graph order.</param>
/// <param name="Initializers">Initializers only the branch reads.</param>
public sealed record ResidualBranch(string Add, string Skip, IReadOnlyList<string> Nodes, IReadOnlyList<string> Initializers);
