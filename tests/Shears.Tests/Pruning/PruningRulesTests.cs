using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Dependency;
using Shears.Pruning.Rules;

namespace Shears.Tests.Pruning;

public sealed class PruningRulesTests
{
    private static Tensor Weight(string name, params long[] dims) =>
        Tensor.FromFloats(name, dims, [.. Enumerable.Range(0, (int)dims.Aggregate(1L, (a, b) => a * b)).Select(i => ((i % 5) - 2) * 0.1f)]);

    [Fact]
    public void Every_operator_Shears_can_read_has_a_pruning_rule_or_is_declared_opaque()
    {
        var readable = ShapeRules.Known.Concat(OpTraits.All.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var missing = readable.Where(op => PruningRules.Find(op) is null).ToList();
        Assert.True(missing.Count == 0, $"operators without a pruning rule: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Each_op_type_belongs_to_exactly_one_rule()
    {
        var claims = typeof(IPruningRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPruningRule).IsAssignableFrom(t))
            .SelectMany(t => ((IPruningRule)Activator.CreateInstance(t)!).OpTypes.Select(op => (Op: op, Rule: t)))
            .ToList();
        Assert.Empty(claims.GroupBy(c => c.Op).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(claims, c => Assert.Same(c.Rule, PruningRules.Find(c.Op)!.GetType()));
    }

    [Fact]
    public void An_operator_without_a_rule_blocks_the_channels_it_reads_and_is_named()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var features = b.Add("Conv", [x, b.Initializer(Weight("w", 8, 3, 3, 3))]);
        var unknown = b.AddNode(new Node("FutureOp", [features], ["future_out"], "future")).Outputs[0];
        b.Graph.ValueInfos.Add(new ValueInfo(unknown, DataType.Float, Shape.Of(1, 8, 6, 6)));
        b.Output(unknown);
        var group = Assert.Single(DependencyGraph.Build(b.ToModel()).Groups);
        Assert.False(group.IsPrunable);
        Assert.Contains("unknown operator FutureOp (node", group.BlockedReason);
        Assert.Contains("has no pruning rule", group.BlockedReason);
    }

    [Fact]
    public void A_declared_opaque_operator_blocks_with_its_name()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var features = b.Add("Conv", [x, b.Initializer(Weight("w", 8, 3, 1, 1))]);
        var node = new Node("DepthToSpace", [features], ["d2s"], "d2s");
        node.SetAttribute(NodeAttribute.Of("blocksize", 2L));
        b.AddNode(node);
        b.Output("d2s");
        var graph = DependencyGraph.Build(b.ToModel());
        var group = Assert.Single(graph.Groups, g => g.Values.Contains(features));
        Assert.False(group.IsPrunable);
        Assert.Contains("cannot prune through DepthToSpace", group.BlockedReason);
    }

    [Fact]
    public void Fine_grained_weights_come_from_the_rules_reduction_axes()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 6);
        var hidden = b.Add("MatMul", [x, b.Initializer(Weight("w1", 6, 4))]);
        var gemm = new Node("Gemm", [hidden, b.Initializer(Weight("w2", 3, 4))], ["y"], "fc");
        gemm.SetAttribute(NodeAttribute.Of("transB", 1L));
        b.AddNode(gemm);
        b.Output("y");
        var weights = Shears.Pruning.Unstructured.PrunableWeights.Find(b.ToModel().Graph);
        Assert.Equal([("w1", 0), ("w2", 1)], weights.Select(w => (w.Initializer, w.ReductionAxis)));
    }
}
