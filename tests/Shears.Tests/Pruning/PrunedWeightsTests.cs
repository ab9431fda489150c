using Shears.Engine;
using Shears.IR;
using Shears.Models;
using Shears.Pruning;
using Shears.Pruning.Structured;

namespace Shears.Tests.Pruning;

public sealed class PrunedWeightsTests
{
    [Fact]
    public void The_metadata_names_exactly_the_entries_the_plan_zeroed()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 2);
        var pruned = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Unstructured, Ratio = 0.6 }));
        var masks = PrunedWeights.Read(pruned);
        Assert.Equal(["fc1.weight", "fc2.weight"], masks.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, keep) in masks)
        {
            var values = pruned.Graph.Initializers[name].ToFloats();
            Assert.Equal(values.Select(v => v != 0f), keep);
        }
        Assert.Empty(PrunedWeights.Read(model));
    }

    [Fact]
    public void Masks_follow_the_channels_a_later_plan_removes_and_add_its_own()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 2);
        var sparse = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.NM, N = 2, M = 4 }));
        var narrow = Pruner.Apply(sparse, Pruner.Plan(sparse, new PruningOptions { Granularity = PruningGranularity.Channel, Ratio = 0.5 }));
        var masks = PrunedWeights.Read(narrow);
        var fc1 = narrow.Graph.Initializers["fc1.weight"];
        Assert.Equal(64, fc1.Dims[0]);
        // Every surviving row still holds its 2:4 pattern: exactly half its entries pinned.
        Assert.Equal(fc1.ElementCount / 2, masks["fc1.weight"].Count(k => !k));
        Assert.Equal(fc1.ToFloats().Select(v => v != 0f), masks["fc1.weight"]);
    }

    [Fact]
    public void Removing_channels_pins_nothing_and_a_weight_that_is_merely_zero_may_train()
    {
        var model = ModelZoo.Build(Architecture.Mlp, seed: 2);
        var removed = Pruner.Apply(model, Pruner.Plan(model, new PruningOptions { Granularity = PruningGranularity.Channel, Ratio = 0.5, Mode = StructuredMode.Remove }));
        Assert.Empty(PrunedWeights.Read(removed));

        var weights = removed.Graph.Initializers["fc1.weight"].ToFloats();
        weights[7] = 0f;
        removed.Graph.Initializers["fc1.weight"] = Tensor.FromFloats("fc1.weight", removed.Graph.Initializers["fc1.weight"].Dims, weights);
        var store = new ParameterStore(removed);
        Assert.Equal(0, store.MaskPrunedWeights(removed));
        Assert.Null(store.Mask("fc1.weight"));
    }

    [Fact]
    public void A_corrupt_entry_is_one_clear_error()
    {
        var model = ModelZoo.Build(Architecture.Mlp);
        model.Metadata.Add(new(PrunedWeights.MetadataKey, "{\"fc1.weight\": \"not base64!\"}"));
        Assert.Contains(PrunedWeights.MetadataKey, Assert.ThrowsAny<ShearsException>(() => PrunedWeights.Read(model)).Message, StringComparison.Ordinal);
        var other = ModelZoo.Build(Architecture.Mlp);
        other.Metadata.Add(new(PrunedWeights.MetadataKey, "{\"no.such\": \"\"}"));
        Assert.Contains("no.such", Assert.ThrowsAny<ShearsException>(() => PrunedWeights.Read(other)).Message, StringComparison.Ordinal);
    }
}
