using Shears.IR;
using Shears.Models;
using Shears.Pruning.Dependency;

namespace Shears.Tests.Pruning;

public sealed class DependencyGraphTests
{
    private static Tensor Weight(string name, params long[] dims) =>
        Tensor.FromFloats(name, dims, [.. Enumerable.Range(0, (int)dims.Aggregate(1L, (a, b) => a * b)).Select(i => ((i % 7) - 3) * 0.1f)]);

    [Fact]
    public void Mlp_has_one_hidden_group_and_a_blocked_output()
    {
        var graph = DependencyGraph.Build(ModelZoo.Build(Architecture.Mlp));
        var hidden = Assert.Single(graph.PrunableGroups);
        Assert.Equal(128, hidden.Units.Count);
        var blocked = Assert.Single(graph.Groups, g => !g.IsPrunable);
        Assert.Contains("model output", blocked.BlockedReason);
    }

    [Fact]
    public void Residual_adds_couple_every_conv_that_feeds_the_stage()
    {
        var graph = DependencyGraph.Build(ModelZoo.Build(Architecture.ResNet));
        // The stem, each block's second conv and each projection write into one residual stream per stage.
        var stage = graph.PrunableGroups.First(g => g.Units.Count == 16 && g.Layers.Count(l => l.Contains("Conv", StringComparison.OrdinalIgnoreCase) || l.Contains("conv", StringComparison.Ordinal)) > 1);
        Assert.True(stage.Values.Count > 3);
        Assert.All(graph.PrunableGroups, g => Assert.Equal(g.Units[0].Channels.Select(c => c.Value).Distinct().Count(), g.Values.Count));
    }

    [Fact]
    public void Concat_maps_each_input_to_its_offset()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var left = b.Add("Conv", [x, b.Initializer(Weight("wa", 4, 3, 1, 1))]);
        var right = b.Add("Conv", [x, b.Initializer(Weight("wb", 6, 3, 1, 1))]);
        var joined = b.Add("Concat", [left, right], NodeAttribute.Of("axis", 1L));
        var y = b.Add("Conv", [joined, b.Initializer(Weight("wc", 5, 10, 1, 1))]);
        b.Output(y);
        var graph = DependencyGraph.Build(b.ToModel());
        var rightGroup = graph.PrunableGroups.Single(g => g.Units.Count == 6);
        var unit = rightGroup.Units[1];
        Assert.Contains(new ChannelRef(joined, 1, 5), unit.Channels);
        Assert.Contains(new ChannelRef(right, 1, 1), unit.Channels);
    }

    [Fact]
    public void Depthwise_convolution_joins_its_input_and_output_channels()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var expand = b.Add("Conv", [x, b.Initializer(Weight("w1", 8, 3, 1, 1))]);
        var depthwise = b.Add("Conv", [expand, b.Initializer(Weight("w2", 8, 1, 3, 3))], NodeAttribute.Of("group", 8L), NodeAttribute.Of("pads", 1L, 1L, 1L, 1L));
        var y = b.Add("Conv", [depthwise, b.Initializer(Weight("w3", 4, 8, 1, 1))]);
        b.Output(y);
        var graph = DependencyGraph.Build(b.ToModel());
        var group = Assert.Single(graph.PrunableGroups);
        Assert.Equal(8, group.Units.Count);
        Assert.Equal([expand, depthwise], group.Values);
    }

    [Fact]
    public void Flatten_into_a_linear_layer_makes_each_channel_span_its_pixels()
    {
        var graph = DependencyGraph.Build(ModelZoo.Build(Architecture.Cnn));
        var lastConv = graph.PrunableGroups.Single(g => g.Units.Count == 64);
        // 64 channels of 5×5 pooled pixels feed fc1's 1600 inputs: 25 features per channel.
        var flattened = lastConv.Values.Last();
        Assert.Equal(25, lastConv.Units[0].Channels.Count(c => c.Value == flattened));
    }

    [Fact]
    public void Squeeze_and_excitation_gate_shares_the_channels_it_scales()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var features = b.Add("Conv", [x, b.Initializer(Weight("w", 8, 3, 3, 3))]);
        var pooled = b.Add("GlobalAveragePool", [features]);
        var squeeze = b.Add("Conv", [pooled, b.Initializer(Weight("ws", 2, 8, 1, 1))]);
        var excite = b.Add("Conv", [b.Add("Relu", [squeeze]), b.Initializer(Weight("we", 8, 2, 1, 1))]);
        var scaled = b.Add("Mul", [features, b.Add("Sigmoid", [excite])]);
        b.Output(b.Add("Conv", [scaled, b.Initializer(Weight("wo", 4, 8, 1, 1))]));
        var graph = DependencyGraph.Build(b.ToModel());
        var channels = graph.PrunableGroups.Single(g => g.Units.Count == 8);
        Assert.Contains(excite, channels.Values);
        Assert.Contains(features, channels.Values);
        Assert.Contains(graph.PrunableGroups, g => g.Units.Count == 2);
    }

    [Fact]
    public void Tiny_vit_heads_are_units_spanning_queries_keys_values()
    {
        var model = ModelZoo.Build(Architecture.Vit);
        var heads = DependencyGraph.Build(model, CouplingPolicy.Heads).PrunableGroups.Where(g => g.Kind == GroupKind.Heads).ToList();
        Assert.Equal(2, heads.Count);
        Assert.All(heads, g => Assert.Equal(4, g.Units.Count));
        Assert.All(heads, g => Assert.Contains(g.Values, v => v.Contains(".q", StringComparison.Ordinal)));
        Assert.All(heads, g => Assert.Contains(g.Values, v => v.Contains(".v", StringComparison.Ordinal)));
        var channels = DependencyGraph.Build(model, CouplingPolicy.Channels).PrunableGroups;
        Assert.DoesNotContain(channels, g => g.Kind == GroupKind.Heads);
    }

    [Fact]
    public void Opaque_operator_blocks_the_channels_it_reads_with_a_reason()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        var features = b.Add("Conv", [x, b.Initializer(Weight("w", 8, 3, 3, 3))]);
        var custom = b.AddNode(new Node("Fancy", [features], ["fancy_out"], "fancy", "com.example")).Outputs[0];
        b.Graph.ValueInfos.Add(new ValueInfo(custom, DataType.Float, Shape.Of(1, 8, 6, 6)));
        b.Output(custom);
        var graph = DependencyGraph.Build(b.ToModel());
        var group = Assert.Single(graph.Groups);
        Assert.False(group.IsPrunable);
        Assert.Contains("opaque", group.BlockedReason);
    }

    [Fact]
    public void Ignoring_an_unknown_node_is_an_error()
    {
        var error = Assert.Throws<InvalidOptionException>(() => DependencyGraph.Build(ModelZoo.Build(Architecture.Mlp), ignoredNodes: ["no_such_node"]));
        Assert.Contains("no_such_node", error.Message);
    }
}
