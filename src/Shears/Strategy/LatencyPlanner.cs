using System.Globalization;
using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Pruning;

namespace Shears.Strategy;

/// <summary>
/// Keeps the most importance within the budget, as a knapsack over channel groups (as HALP does): every group may keep
/// any count on its layers' cliff-aware channel multiple (<see cref="ChannelStep"/>); a count is worth the summed
/// normalised importance of the units it keeps (<see cref="GroupImportance"/>) and costs what the latency model predicts
/// for the layers the group touches at each of the budget's batches (or their MACs, parameters or bytes). Greedy by the
/// least importance lost per unit of cost saved, it walks from the dense model down to every group's floor; the first
/// step the prediction puts within the budget is applied and checked by <see cref="CostMeter.Measure"/>, and the walk
/// goes on until the checked cost meets the budget (then steps back while it still does). Granularity follows
/// <see cref="GranularityPolicy"/>: N:M masks where the target accelerates them (kept on every weight whose input
/// channels stay), unstructured or block sparsity by a bisected ratio where it alone reaches the budget.
/// </summary>
public sealed class LatencyPlanner : IPlanner
{
    /// <summary>The most of any one group the planner removes: past it a layer becomes a bottleneck no fine-tuning repairs.</summary>
    public const double MaxGroupRatio = 0.9;

    private const int Verifications = 12;
    private const int Refinements = 3;

    /// <inheritdoc/>
    public string Name => "latency";

    /// <inheritdoc/>
    public PlannerResult Plan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Budget.Validate();
        var isHost = request.Costs.Measures || string.Equals(request.Target.Name, ProfileCatalog.HostName, StringComparison.OrdinalIgnoreCase);
        var choice = GranularityPolicy.Choose(request.Target, request.Costs.Settings.Runtime, request.Budget, isHost);
        if (choice.Granularity is PruningGranularity.Unstructured or PruningGranularity.Block)
        {
            return FineGrained(request, choice, progress, cancellation);
        }
        return new ChannelSearch(this, request, choice, progress, cancellation).Run();
    }

    private PlannerResult FineGrained(PlanningRequest request, GranularityChoice choice, IProgress<OperationProgress>? progress, CancellationToken cancellation)
    {
        var options = request.Options with
        {
            Granularity = choice.Granularity,
            Scope = choice.Granularity == PruningGranularity.Unstructured ? PruningScope.Global : request.Options.Scope,
            BlockRows = choice.BlockRows ?? request.Options.BlockRows,
            BlockColumns = choice.BlockColumns ?? request.Options.BlockColumns,
            Mode = null,
            RoundTo = 1,
        };
        var result = new UniformPlanner().Plan(request with { Options = options }, progress, cancellation);
        return result with
        {
            Planner = Name,
            Decisions = [.. result.Decisions.Select(d => d with { Reason = $"{d.UnitsBefore - d.UnitsAfter} of {d.UnitsBefore} weights zeroed: {choice.Reason}" })],
        };
    }

    /// <summary>One planning run: the scored groups, their prices, the greedy walk and the checks.</summary>
    private sealed class ChannelSearch
    {
        private readonly LatencyPlanner _planner;
        private readonly PlanningRequest _request;
        private readonly GranularityChoice _choice;
        private readonly IProgress<OperationProgress>? _progress;
        private readonly CancellationToken _cancellation;
        private readonly PruningBudget _budget;
        private readonly ModelCost _reference;
        private readonly List<string> _notes = [];

        public ChannelSearch(LatencyPlanner planner, PlanningRequest request, GranularityChoice choice, IProgress<OperationProgress>? progress, CancellationToken cancellation)
        {
            _planner = planner;
            _request = request;
            _choice = choice;
            _progress = progress;
            _cancellation = cancellation;
            _budget = request.Budget;
            _reference = request.Reference ?? request.Costs.Measure(request.Model);
        }

        private IReadOnlyList<int> Batches => _budget.Kind == BudgetKind.Latency ? _budget.Batches : [1];

        public PlannerResult Run()
        {
            var model = _request.Model;
            var shapes = _request.Options.Shapes;
            PruningPlan? masks = null;
            var priced = model;
            var pricedCost = _request.Reference is null ? _reference : _request.Costs.Measure(model);
            if (Meets(pricedCost))
            {
                return Result(EmptyPlan(), pricedCost, true, [], "the model already meets the budget; nothing removed");
            }
            if (_choice.Granularity == PruningGranularity.NM)
            {
                masks = Pruner.Plan(model, _request.Options with
                {
                    Granularity = PruningGranularity.NM,
                    N = _choice.N,
                    M = _choice.M,
                    Ratio = null,
                    Threshold = null,
                    RoundTo = 1,
                    Mode = null,
                }, _request.Gradients);
                priced = Pruner.Apply(model, masks, shapes);
                pricedCost = Check(priced);
                if (Meets(pricedCost))
                {
                    return Result(masks, pricedCost, true, MaskDecisions(masks), $"{_choice.N}:{_choice.M} masks alone meet the budget");
                }
            }
            var importance = GroupImportance.Of(model, _request.Options, _request.Gradients);
            _notes.AddRange(importance.Notes);
            var groups = importance.Groups;
            if (groups.Count == 0)
            {
                var plan = masks ?? EmptyPlan();
                return Result(plan, pricedCost, false, masks is null ? [] : MaskDecisions(masks), "no channel group can be pruned");
            }
            var predictor = _budget.Kind == BudgetKind.Latency
                ? _request.Predictor ?? (_request.Costs.Latency is { } l and not MeteredLatencyModel ? l : new AnalyticLatencyModel(_request.Target))
                : null;
            var pricedDependencies = ReferenceEquals(priced, model) ? importance.Dependencies : Pruning.Dependency.DependencyGraph.Build(priced, Pruning.Dependency.CouplingPolicy.Channels, shapes, _request.Options.Ignore);
            var byKey = pricedDependencies.Groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
            var costs = ChannelCostModel.Build(pricedDependencies.Model, [.. groups.Select(g => byKey[g.Key])], _budget.Kind, predictor, _request.Costs.Settings, Batches,
                state => Pruner.Apply(model, Combined(importance, state, masks, model), shapes));
            var units = groups.Select(g => g.Units.Count).ToArray();
            var steps = new ChannelStep[groups.Count];
            var counts = new IReadOnlyList<int>[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                steps[g] = ChannelStep.For(_request.Target, predictor,
                    [.. costs.ProducersOf(g).Select(t => (t.Name, t.Signature!))], [.. costs.ConsumersOf(g).Select(t => (t.Name, t.Signature!))]);
                counts[g] = steps[g].Counts(units[g], Math.Max(1, units[g] - (int)Math.Floor(units[g] * MaxGroupRatio)));
            }
            // Limits per batch column in the latency model's own units: the budget's share of the model as the meter saw it.
            var full = (int[])units.Clone();
            var targets = Batches.Select((b, c) => costs.Total(c, full) * _budget.LimitFor(_reference.Of(_budget.Kind, b)) / pricedCost.Of(_budget.Kind, b)).ToArray();
            var removal = Enumerable.Range(0, groups.Count).Select(importance.RemovalOrder).ToArray();
            var lostBelow = Enumerable.Range(0, groups.Count).Select(g =>
            {
                // lost[k]: importance lost by keeping k units.
                var lost = new double[units[g] + 1];
                for (var removed = 1; removed <= units[g]; removed++)
                {
                    lost[units[g] - removed] = lost[units[g] - removed + 1] + importance.Scores[g][removal[g][removed - 1]];
                }
                return lost;
            }).ToArray();
            var path = Walk(costs, counts, lostBelow, targets);
            double Predicted(int[] state) => Enumerable.Range(0, targets.Length).Max(c => costs.Total(c, state) / targets[c]);
            double Lost(int[] state) => Enumerable.Range(0, state.Length).Sum(g => lostBelow[g][state[g]]);
            int[] StateFor(double scale) =>
                Improve(path.FirstOrDefault(state => Predicted(state) <= scale, path[^1]), scale, counts, Predicted, Lost);

            var (chosen, cost, met) = Settle(StateFor, Predicted, state => Check(Pruner.Apply(model, Combined(importance, state, masks, model), shapes)));
            var finalPlan = Combined(importance, chosen, masks, model);
            var decisions = ChannelDecisions(importance, chosen, steps, costs, units).Concat(masks is null ? [] : MaskDecisions(finalPlan)).ToList();
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"latency planner: {Predicted(chosen):0.000}× of the budget predicted, {CostMeter.Ratio(cost, _reference, _budget):0.000}× {(cost.LatencyMeasured && _budget.Kind == BudgetKind.Latency ? "measured" : "checked")} for {_budget}; kept {importance.KeptFraction(finalPlan):P1} of the channel importance");
            return Result(finalPlan, cost, met, decisions, summary);
        }

        // Greedy knapsack: each step takes the cut (any lower count of one group) that loses the least importance per unit of
        // cost saved, summed over the batch columns as shares of their limits, until no cut saves anything.
        private static List<int[]> Walk(ChannelCostModel costs, IReadOnlyList<int>[] counts, double[][] lost, double[] targets)
        {
            var state = counts.Select(c => c[0]).ToArray();
            var path = new List<int[]> { (int[])state.Clone() };
            while (true)
            {
                var (bestGroup, bestCount, bestRatio) = (-1, 0, double.PositiveInfinity);
                for (var g = 0; g < state.Length; g++)
                {
                    var current = state[g];
                    var before = Weighted(costs, g, state, targets);
                    foreach (var count in counts[g].Where(c => c < current))
                    {
                        state[g] = count;
                        var saved = before - Weighted(costs, g, state, targets);
                        state[g] = current;
                        if (saved <= 1e-12)
                        {
                            continue;
                        }
                        var ratio = (lost[g][count] - lost[g][current]) / saved;
                        if (ratio < bestRatio)
                        {
                            (bestGroup, bestCount, bestRatio) = (g, count, ratio);
                        }
                    }
                }
                if (bestGroup < 0)
                {
                    return path;
                }
                state[bestGroup] = bestCount;
                path.Add((int[])state.Clone());
            }
        }

        private static double Weighted(ChannelCostModel costs, int group, int[] state, double[] targets)
        {
            double total = 0;
            for (var c = 0; c < targets.Length; c++)
            {
                total += costs.Touching(group, c, state) / targets[c];
            }
            return total;
        }

        // Local search from a state of the walk: give a group back one step, alone or paid for by one step of another, while
        // the prediction stays within the scaled limit and less importance is lost (the walk's coarse jumps overshoot).
        private static int[] Improve(int[] start, double scale, IReadOnlyList<int>[] counts, Func<int[], double> predicted, Func<int[], double> lost)
        {
            var state = (int[])start.Clone();
            int Up(int g) => counts[g].LastOrDefault(c => c > state[g], state[g]);
            int Down(int g) => counts[g].FirstOrDefault(c => c < state[g], state[g]);
            for (var move = 0; move < 4 * counts.Sum(c => c.Count); move++)
            {
                var current = lost(state);
                (int[] State, double Lost)? best = null;
                for (var g = 0; g < state.Length; g++)
                {
                    if (Up(g) == state[g])
                    {
                        continue;
                    }
                    for (var h = -1; h < state.Length; h++)
                    {
                        if (h == g || (h >= 0 && Down(h) == state[h]))
                        {
                            continue;
                        }
                        var candidate = (int[])state.Clone();
                        candidate[g] = Up(g);
                        if (h >= 0)
                        {
                            candidate[h] = Down(h);
                        }
                        var candidateLost = lost(candidate);
                        if (candidateLost < current - 1e-9 && (best is null || candidateLost < best.Value.Lost) && predicted(candidate) <= scale)
                        {
                            best = (candidate, candidateLost);
                        }
                    }
                }
                if (best is null)
                {
                    return state;
                }
                state = best.Value.State;
            }
            return state;
        }

        // Checks the best state the prediction puts within the budget; while the check misses, tightens the prediction's
        // limit by the miss; once one meets, bisects the limit back towards the last miss to keep more.
        private (int[] State, ModelCost Cost, bool Met) Settle(Func<double, int[]> stateFor, Func<int[], double> predicted, Func<int[], ModelCost> check)
        {
            var scale = 1.0;
            var missed = double.NaN;
            (int[] State, ModelCost Cost, double Ratio)? closest = null;
            (int[] State, ModelCost Cost, double Scale)? met = null;
            int[]? previous = null;
            for (var attempt = 0; attempt < Verifications; attempt++)
            {
                _cancellation.ThrowIfCancellationRequested();
                var state = stateFor(scale);
                if (previous is not null && state.SequenceEqual(previous))
                {
                    break; // the walk's floor: nothing cheaper to try
                }
                previous = state;
                var cost = check(state);
                var ratio = CostMeter.Ratio(cost, _reference, _budget);
                Report(attempt + 1, predicted(state), ratio);
                if (closest is null || ratio < closest.Value.Ratio)
                {
                    closest = (state, cost, ratio);
                }
                if (CostMeter.Meets(cost, _reference, _budget))
                {
                    met = (state, cost, scale);
                    break;
                }
                missed = scale;
                // The prediction was off by the miss: ask it for that much less (and a little more, so the next try is not the same miss).
                scale = Math.Min(scale, predicted(state)) / ratio * 0.995;
            }
            if (met is not { } found)
            {
                return (closest!.Value.State, closest.Value.Cost, false);
            }
            var upper = double.IsNaN(missed) ? 1.0 : missed;
            for (var refinement = 0; refinement < Refinements && upper - found.Scale > 0.005; refinement++)
            {
                var middle = (upper + found.Scale) / 2;
                var state = stateFor(middle);
                if (state.SequenceEqual(found.State))
                {
                    found = found with { Scale = middle };
                    continue;
                }
                var cost = check(state);
                Report(Verifications + refinement + 1, predicted(state), CostMeter.Ratio(cost, _reference, _budget));
                if (CostMeter.Meets(cost, _reference, _budget))
                {
                    found = (state, cost, middle);
                }
                else
                {
                    upper = middle;
                }
            }
            return (found.State, found.Cost, true);
        }

        private void Report(int step, double predicted, double checkedRatio) =>
            _progress?.Report(new OperationProgress("planning", step, Verifications + Refinements, string.Create(CultureInfo.InvariantCulture,
                $"{predicted:0.000}× of the budget predicted, {checkedRatio:0.000}× checked")));

        private ModelCost Check(Model model)
        {
            return _request.Costs.Measure(model);
        }

        private bool Meets(ModelCost cost) => CostMeter.Meets(cost, _reference, _budget);

        private PruningPlan EmptyPlan() => new()
        {
            ModelFingerprint = ModelFingerprint.Of(_request.Model),
            Mode = Pruning.Structured.StructuredMode.Remove,
            Ignore = _request.Options.Ignore,
        };

        // The channel groups at the state, with the N:M masks of weights whose input channels all stay (a cut input
        // channel would shift the runs of M the pattern is counted in).
        private PruningPlan Combined(GroupImportance importance, int[] state, PruningPlan? masks, Model model)
        {
            var groups = importance.Groups.Select((g, i) => PlanGroup.ForUnits(
                g.Key, PruningGranularity.Channel, g.Units.Count, [.. importance.RemovalOrder(i).Take(g.Units.Count - state[i])],
                g.Units[0].Channels.Count(c => c.Value == g.Values[0]))).ToList();
            var channels = EmptyPlan() with { Groups = groups, Notes = _notes };
            if (masks is null)
            {
                return channels;
            }
            var cutValues = importance.Groups.Where((g, i) => state[i] < g.Units.Count).SelectMany(g => g.Values).ToHashSet(StringComparer.Ordinal);
            var readers = model.Graph.Nodes.Where(n => n.Inputs.Count > 1).GroupBy(n => n.Inputs[1]).ToDictionary(k => k.Key, k => k.ToList(), StringComparer.Ordinal);
            var kept = masks.WeightMasks.Where(w => readers.GetValueOrDefault(w.Key) is { } nodes && nodes.All(n => n.Input(0) is not { } x || !cutValues.Contains(x))).ToList();
            return PruningPlan.Combine([channels, masks with { Groups = kept, Notes = [] }]);
        }

        private IEnumerable<PlanDecision> ChannelDecisions(GroupImportance importance, int[] state, ChannelStep[] steps, ChannelCostModel costs, int[] units)
        {
            for (var g = 0; g < state.Length; g++)
            {
                var producers = costs.ProducersOf(g).Select(t => t.Name).ToList();
                var where = producers.Count == 0 ? importance.Groups[g].Key : string.Join(", ", producers.Take(3)) + (producers.Count > 3 ? $" and {producers.Count - 3} more" : "");
                var why = units[g] <= steps[g].Multiple
                    ? string.Create(CultureInfo.InvariantCulture, $"kept all {units[g]} of {where}: no smaller count is on the step ({steps[g].Evidence})")
                    : state[g] == units[g]
                        ? string.Create(CultureInfo.InvariantCulture, $"kept all {units[g]} of {where}: elsewhere cost less importance per {CostName()} saved; steps are {steps[g].Evidence}")
                        : string.Create(CultureInfo.InvariantCulture, $"kept {state[g]} of {units[g]} of {where}: {steps[g].Evidence}");
                yield return new PlanDecision(importance.Groups[g].Key, PruningGranularity.Channel, units[g], state[g], why);
            }
        }

        private List<PlanDecision> MaskDecisions(PruningPlan plan) => [.. plan.WeightMasks.Select(w =>
            new PlanDecision(w.Key, w.Granularity, w.Units, w.Units - (int)(w.Pruned ?? 0), $"{w.N}:{w.M} on {w.Key}: {_choice.Reason}"))];

        private string CostName() => _budget.Kind switch
        {
            BudgetKind.Latency => "millisecond",
            BudgetKind.Macs => "MAC",
            BudgetKind.Parameters => "parameter",
            _ => "byte",
        };

        private PlannerResult Result(PruningPlan plan, ModelCost cost, bool met, IReadOnlyList<PlanDecision> decisions, string summary) => new()
        {
            Plan = plan with { Notes = [.. plan.Notes, summary, $"granularity: {_choice.Reason}"] },
            Planner = _planner.Name,
            Reference = _reference,
            Cost = cost,
            Met = met,
            Decisions = decisions,
        };
    }
}
