using Shears.IR;
using Shears.IR.Inference;
using Shears.Pruning.Dependency;
using Shears.Pruning.Importance;
using Shears.Pruning.Layers;
using Shears.Pruning.Structured;
using Shears.Pruning.Unstructured;

namespace Shears.Pruning;

/// <summary>
/// The pruning stage: <see cref="Plan"/> scores and decides, <see cref="Apply"/> rewrites a model
/// from a plan. Structured plans work on the model with its shape arithmetic folded at the
/// analysed input shape, so their output is that folded model made smaller.
/// </summary>
public static class Pruner
{
    /// <summary>Decides what to prune. Gradients (initializer name → dL/dw) are needed only by the Taylor criterion.</summary>
    public static PruningPlan Plan(Model model, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Criterion == ImportanceCriterion.Taylor && gradients is null)
        {
            throw new InvalidOptionException("Criterion taylor needs gradients: pass them to Plan (GradientSampler computes them from data)", "Criterion");
        }
        var plan = new PruningPlan
        {
            ModelFingerprint = ModelFingerprint.Of(model),
            // Per-group ratios are not one recipe: the plan's groups say what each was given.
            Recipe = options.GroupRatios is not null ? null : new PlanRecipe
            {
                Granularity = options.Granularity,
                Criterion = options.Criterion,
                Scope = options.Scope,
                Ratio = options.Ratio,
                Threshold = options.Threshold,
                N = options.N,
                M = options.M,
                BlockRows = options.Granularity == PruningGranularity.Block ? options.BlockRows : null,
                BlockColumns = options.Granularity == PruningGranularity.Block ? options.BlockColumns : null,
                RoundTo = options.RoundTo,
            },
            Mode = options.EffectiveMode,
            Ignore = options.Ignore,
        };
        return options.Granularity switch
        {
            PruningGranularity.Channel or PruningGranularity.Head => PlanChannels(model, options, gradients, plan),
            PruningGranularity.Layer => PlanLayers(model, options, gradients, plan),
            _ => PlanWeights(model, options, gradients, plan),
        };
    }

    /// <summary>
    /// Applies a plan, of one granularity or many, to the model it was made for in one pass: weight
    /// masks first (on the original shapes), then channel and head groups, then residual branches.
    /// The result's metadata records which weight entries were zeroed (<see cref="PrunedWeights"/>), so fine-tuning
    /// keeps them at zero.
    /// </summary>
    /// <param name="model">The model the plan was made for.</param>
    /// <param name="plan">What to remove.</param>
    /// <param name="shapes">Input bindings for the shapes the rewrite needs (as given to <see cref="Plan"/>); null uses representative sizes.</param>
    public static Model Apply(Model model, PruningPlan plan, ShapeInferenceOptions? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Format != PruningPlan.FormatName || plan.Version != PruningPlan.CurrentVersion)
        {
            throw new ShearsException($"the plan has format '{plan.Format}' version {plan.Version}; this Shears applies '{PruningPlan.FormatName}' version {PruningPlan.CurrentVersion}");
        }
        if (plan.ModelFingerprint != ModelFingerprint.Of(model))
        {
            throw new ShearsException("the plan was made for another model (its structural fingerprint differs)");
        }
        return PrunedWeights.Record(model, ApplyPasses(model, plan, shapes), plan, (m, p) => ApplyPasses(m, p, shapes));
    }

    private static Model ApplyPasses(Model model, PruningPlan plan, ShapeInferenceOptions? shapes)
    {
        var result = ApplyWeights(model, plan);
        if (plan.HasStructuredPass)
        {
            result = ApplyChannels(result, plan, shapes);
        }
        if (plan.HasLayerPass)
        {
            result = ApplyLayers(result, plan, shapes);
        }
        // The passes never change their input; a plan with nothing to do still returns a copy.
        return ReferenceEquals(result, model) ? model.Clone() : result;
    }

    private static CouplingPolicy PolicyFor(PruningGranularity granularity) =>
        granularity == PruningGranularity.Head ? CouplingPolicy.Heads : CouplingPolicy.Channels;

    private static CouplingPolicy PolicyFor(PruningPlan plan) =>
        plan.ChannelGroups.Any(g => g.Granularity == PruningGranularity.Head) || plan.Recipe?.Granularity == PruningGranularity.Head
            ? CouplingPolicy.Heads
            : CouplingPolicy.Channels;

    private static PruningPlan PlanChannels(Model model, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients, PruningPlan plan)
    {
        var dependencies = DependencyGraph.Build(model, PolicyFor(options.Granularity), options.Shapes, options.Ignore);
        var candidates = dependencies.PrunableGroups
            .Where(g => options.Granularity != PruningGranularity.Head || g.Kind == GroupKind.Heads)
            .ToList();
        var notes = new List<string>();
        if (candidates.Count == 0)
        {
            notes.Add(options.Granularity == PruningGranularity.Head ? "no attention heads found that can be pruned" : "no channel group can be pruned");
        }
        var parameters = new ChannelParameters(dependencies);
        var statistics = SliceStatistics.Compute(dependencies.Model.Graph, candidates.SelectMany(g => g.Values).Distinct().SelectMany(parameters.Of), gradients);
        var scorer = new GroupScorer(parameters, statistics, options.Criterion, options.Aggregation, options.Seed);
        var scores = candidates.Select(scorer.Score).ToList();
        var removals = options.GroupRatios is { } ratios
            ? UnitSelector.SelectLocal(scores, GroupRatiosFor(candidates, ratios, options.Ratio!.Value), options.RoundTo)
            : UnitSelector.Select(scores, options.Ratio!.Value, options.Scope, options.RoundTo);
        notes.AddRange(scorer.Notes);
        notes.AddRange(dependencies.Groups.Where(g => !g.IsPrunable).Select(g => $"kept group '{g.Key}': {g.BlockedReason}"));
        return plan with
        {
            Groups = [.. candidates.Select((g, i) => PlanGroup.ForUnits(
                g.Key,
                g.Kind == GroupKind.Heads ? PruningGranularity.Head : PruningGranularity.Channel,
                g.Units.Count,
                removals[i],
                g.Units[0].Channels.Count(c => c.Value == g.Values[0])))],
            Notes = notes,
        };
    }

    private static double[] GroupRatiosFor(IReadOnlyList<DependencyGroup> candidates, IReadOnlyDictionary<string, double> ratios, double others)
    {
        var keys = candidates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (ratios.Keys.FirstOrDefault(k => !keys.Contains(k)) is { } unknown)
        {
            throw new InvalidOptionException($"GroupRatios names '{unknown}', which is not a group this model can prune", nameof(PruningOptions.GroupRatios));
        }
        return [.. candidates.Select(g => ratios.GetValueOrDefault(g.Key, others))];
    }

    private static Model ApplyChannels(Model model, PruningPlan plan, ShapeInferenceOptions? shapes)
    {
        var dependencies = DependencyGraph.Build(model, PolicyFor(plan), shapes, plan.Ignore);
        var byKey = dependencies.Groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        var removals = new Dictionary<DependencyGroup, IReadOnlyCollection<int>>();
        foreach (var decision in plan.ChannelGroups)
        {
            if (!byKey.TryGetValue(decision.Key, out var group) || group.Units.Count != decision.Units)
            {
                throw new ShearsException($"the plan's group '{decision.Key}' does not exist in this model as planned");
            }
            var kept = decision.Kept ?? throw new ShearsException($"the plan's group '{decision.Key}' does not say which units it keeps");
            if (kept.Any(u => u < 0 || u >= group.Units.Count) || kept.Distinct().Count() != kept.Count)
            {
                throw new ShearsException($"the plan's group '{decision.Key}' lists invalid units");
            }
            if (removals.ContainsKey(group))
            {
                throw new ShearsException($"the plan decides group '{decision.Key}' twice");
            }
            removals[group] = [.. decision.Removed];
        }
        return ChannelPruner.Apply(dependencies, removals, plan.Mode);
    }

    private static PruningPlan PlanLayers(Model model, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients, PruningPlan plan)
    {
        var shapes = ShapeInference.Infer(model, options.Shapes);
        var branches = ResidualBranches.Find(model.Graph, shapes.ShapeOf)
            .Where(b => !b.Nodes.Any(options.Ignore.Contains) && !options.Ignore.Contains(b.Add))
            .ToList();
        var notes = new List<string>();
        if (branches.Count == 0)
        {
            notes.Add("no removable residual branch found");
            return plan with { Notes = notes };
        }
        var scores = branches.Select(b => BranchScore(model.Graph, b, options, gradients)).ToArray();
        // Every branch may go except one: a ratio below 1 always leaves the model some depth.
        var count = Math.Min(branches.Count - 1, (int)Math.Floor((branches.Count * options.Ratio!.Value) + 1e-9));
        var removed = UnitSelector.Lowest(scores, count);
        return plan with { Groups = [.. removed.Select(i => PlanGroup.RemovedBranch(branches[i].Add))], Notes = notes };
    }

    private static double BranchScore(Graph graph, ResidualBranch branch, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients)
    {
        if (options.Criterion == ImportanceCriterion.Random)
        {
            return Numerics.Rng.ForStream(options.Seed, branch.Add).NextDouble();
        }
        double total = 0;
        long count = 0;
        foreach (var name in branch.Initializers)
        {
            var tensor = graph.Initializers[name];
            if (!IR.DataTypes.IsFloatingPoint(tensor.ElementType) || tensor.Rank < 2)
            {
                continue;
            }
            var w = tensor.ToFloats();
            var g = gradients?.GetValueOrDefault(name);
            for (var i = 0; i < w.Length; i++)
            {
                total += options.Criterion switch
                {
                    ImportanceCriterion.L2 => w[i] * (double)w[i],
                    ImportanceCriterion.Taylor when g is not null => w[i] * (double)g[i],
                    _ => Math.Abs(w[i]),
                };
            }
            count += w.Length;
        }
        return options.Criterion switch
        {
            ImportanceCriterion.L2 => Math.Sqrt(total / Math.Max(1, count)),
            ImportanceCriterion.Taylor => Math.Abs(total),
            _ => total / Math.Max(1, count),
        };
    }

    private static Model ApplyLayers(Model model, PruningPlan plan, ShapeInferenceOptions? bindings)
    {
        var shapes = ShapeInference.Infer(model, bindings);
        var branches = ResidualBranches.Find(model.Graph, shapes.ShapeOf).ToDictionary(b => b.Add, StringComparer.Ordinal);
        var chosen = new List<ResidualBranch>();
        foreach (var add in plan.RemovedBranches)
        {
            chosen.Add(branches.TryGetValue(add, out var b) ? b : throw new ShearsException($"the plan's residual branch at '{add}' does not exist in this model"));
        }
        var copy = model.Clone();
        if (plan.Mode == StructuredMode.Mask)
        {
            foreach (var name in chosen.SelectMany(b => b.Initializers).Distinct())
            {
                var tensor = copy.Graph.Initializers[name];
                if (IR.DataTypes.IsFloatingPoint(tensor.ElementType))
                {
                    copy.Graph.Initializers[name] = TensorSlicing.Zero(tensor, 0, [.. Enumerable.Range(0, (int)tensor.Dims.FirstOrDefault(1))]);
                }
            }
            return copy;
        }
        copy.Graph = ResidualBranches.Remove(model.Graph, chosen);
        return copy;
    }

    private static PruningPlan PlanWeights(Model model, PruningOptions options, IReadOnlyDictionary<string, float[]>? gradients, PruningPlan plan)
    {
        var weights = PrunableWeights.Find(model.Graph, options.Ignore);
        if (weights.Count == 0)
        {
            return plan with { Notes = ["no convolution, linear or matrix-product weights to prune"] };
        }
        var scores = new float[weights.Count][];
        Parallel.For(0, weights.Count, i =>
        {
            var tensor = model.Graph.Initializers[weights[i].Initializer];
            scores[i] = WeightScores.Of(tensor, options.Criterion, gradients?.GetValueOrDefault(weights[i].Initializer), options.Seed);
        });
        var masks = new bool[weights.Count][];
        switch (options.Granularity)
        {
            case PruningGranularity.NM:
                Parallel.For(0, weights.Count, i => masks[i] = SparsityPatterns.NOfM(scores[i], weights[i].Dims, weights[i].ReductionAxis, options.N!.Value, options.M!.Value));
                break;
            case PruningGranularity.Block:
                BlockMasks(weights, scores, masks, options);
                break;
            default:
                ElementMasks(weights, scores, masks, options);
                break;
        }
        var nm = options.Granularity == PruningGranularity.NM;
        var block = options.Granularity == PruningGranularity.Block;
        return plan with
        {
            Groups = [.. weights.Select((w, i) =>
            {
                var pruned = masks[i].LongCount(m => m);
                return new PlanGroup
                {
                    Key = w.Initializer,
                    Granularity = options.Granularity,
                    Units = checked((int)w.Count),
                    Amount = w.Count == 0 ? 0 : pruned / (double)w.Count,
                    Pruned = pruned,
                    Mask = MaskCodec.Encode(masks[i]),
                    N = nm ? options.N : null,
                    M = nm ? options.M : null,
                    BlockRows = block ? options.BlockRows : null,
                    BlockColumns = block ? options.BlockColumns : null,
                };
            })],
        };
    }

    private static void ElementMasks(IReadOnlyList<PrunableWeight> weights, float[][] scores, bool[][] masks, PruningOptions options)
    {
        if (options.Threshold is { } t)
        {
            for (var i = 0; i < weights.Count; i++)
            {
                masks[i] = SparsityPatterns.Threshold(scores[i], t);
            }
            return;
        }
        var ratio = options.Ratio!.Value;
        if (options.Scope == PruningScope.Local)
        {
            Parallel.For(0, weights.Count, i => masks[i] = SparsityPatterns.Lowest(scores[i], (long)Math.Round(scores[i].Length * ratio)));
            return;
        }
        var all = scores.SelectMany(s => s).ToArray();
        var mask = SparsityPatterns.Lowest(all, (long)Math.Round(all.LongLength * ratio));
        var offset = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            masks[i] = mask.AsSpan(offset, scores[i].Length).ToArray();
            offset += scores[i].Length;
        }
    }

    private static void BlockMasks(IReadOnlyList<PrunableWeight> weights, float[][] scores, bool[][] masks, PruningOptions options)
    {
        var blocks = weights.Select((w, i) => SparsityPatterns.BlockScores(scores[i], w.Dims, options.BlockRows, options.BlockColumns)).ToArray();
        var ratio = options.Ratio!.Value;
        var blockMasks = new bool[weights.Count][];
        if (options.Scope == PruningScope.Local)
        {
            for (var i = 0; i < weights.Count; i++)
            {
                blockMasks[i] = SparsityPatterns.Lowest(blocks[i].Scores, (long)Math.Round(blocks[i].Scores.Length * ratio));
            }
        }
        else
        {
            var all = blocks.SelectMany(b => b.Scores).ToArray();
            var mask = SparsityPatterns.Lowest(all, (long)Math.Round(all.Length * ratio));
            var offset = 0;
            for (var i = 0; i < weights.Count; i++)
            {
                blockMasks[i] = mask.AsSpan(offset, blocks[i].Scores.Length).ToArray();
                offset += blocks[i].Scores.Length;
            }
        }
        for (var i = 0; i < weights.Count; i++)
        {
            masks[i] = SparsityPatterns.ExpandBlocks(blockMasks[i], weights[i].Dims, scores[i].Length, options.BlockRows, options.BlockColumns, blocks[i].BlockCols);
        }
    }

    private static Model ApplyWeights(Model model, PruningPlan plan)
    {
        if (!plan.WeightMasks.Any())
        {
            return model;
        }
        var copy = model.Clone();
        foreach (var decision in plan.WeightMasks)
        {
            var tensor = copy.Graph.FindInitializer(decision.Key) ?? throw new ShearsException($"the plan's weight '{decision.Key}' is not in this model");
            if (tensor.ElementCount != decision.Units || tensor.ElementType != IR.DataType.Float)
            {
                throw new ShearsException($"the plan's weight '{decision.Key}' has another shape in this model");
            }
            var mask = MaskCodec.Decode(decision.Mask ?? throw new ShearsException($"the plan's weight '{decision.Key}' has no mask"), decision.Units);
            var values = tensor.ToFloats();
            for (var i = 0; i < values.Length; i++)
            {
                if (mask[i])
                {
                    values[i] = 0f;
                }
            }
            copy.Graph.Initializers[decision.Key] = Tensor.FromFloats(tensor.Name, tensor.Dims, values).WithExtras(tensor.Extras);
        }
        return copy;
    }
}
