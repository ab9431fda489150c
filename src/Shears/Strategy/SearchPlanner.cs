using System.Globalization;
using Shears.Data;
using Shears.Engine.Training;
using Shears.IR;
using Shears.Pruning;
using Shears.Pruning.Importance;

namespace Shears.Strategy;

/// <summary>
/// A NetAdapt-style search over per-group amounts. Starting from the request's model, each step proposes, for every
/// group, removing channels in multiples of the target's preferred channel multiple until the budgeted cost falls by
/// one step's share of the gap to the budget; scores the proposals that cut most by their cost and an accuracy proxy (a
/// short masked fine-tuning on the training data, then accuracy on held-out training data); and keeps the most accurate,
/// fine-tuned, as the next step's start. Every proposal is kept as a candidate, the Pareto front of cost against
/// accuracy marked. The plan it returns is for the request's own model: each step's removals are mapped back to that
/// model's units, so applying it gives the architecture the search ended with.
/// </summary>
public sealed class SearchPlanner : IPlanner
{
    private readonly SearchPlannerOptions _options;

    /// <summary>A search that spends as <paramref name="options"/> say; null takes the defaults.</summary>
    /// <exception cref="InvalidOptionException">An option is out of range.</exception>
    public SearchPlanner(SearchPlannerOptions? options = null)
    {
        _options = options ?? new SearchPlannerOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public string Name => "search";

    /// <inheritdoc/>
    public PlannerResult Plan(PlanningRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Budget.Validate();
        var search = new Search(request, _options, progress, cancellation);
        return search.Run(Name);
    }

    /// <summary>One group's proposal in one step: the plan on the step's model, the model it gives and its cost.</summary>
    private sealed record Proposal(string Group, PlanGroup Decision, Model Model, ModelCost Cost, double Reduction);

    /// <summary>A step's chosen proposal, for the reasons in the decisions.</summary>
    private sealed record Choice(int Step, string Group, int Removed, double Accuracy, int Scored);

    /// <summary>The state of one search: the current model, which of the original units each group keeps, and what was scored.</summary>
    private sealed class Search
    {
        private readonly PlanningRequest _request;
        private readonly SearchPlannerOptions _options;
        private readonly IProgress<OperationProgress>? _progress;
        private readonly CancellationToken _cancellation;
        private readonly PruningOptions _template;
        private readonly ValidationProxy _proxy;
        private readonly ModelCost _reference;
        private readonly int _multiple;
        private readonly List<PlanCandidate> _candidates = [];
        private readonly List<Choice> _choices = [];
        private (Model? Model, IReadOnlyDictionary<string, float[]>? Values) _gradients;

        public Search(PlanningRequest request, SearchPlannerOptions options, IProgress<OperationProgress>? progress, CancellationToken cancellation)
        {
            var granularity = request.Options.Granularity;
            if (granularity is not (PruningGranularity.Channel or PruningGranularity.Head))
            {
                throw new InvalidOptionException($"the search planner searches per-group amounts of channels or heads, not {PruningGranularityNames.Name(granularity)}", nameof(request.Options.Granularity));
            }
            _proxy = ValidationProxy.For(request, "search", options.ValidationSamples);
            if (options.ProxySteps > 0 && request.Train is null)
            {
                throw new InvalidOptionException("the search planner fine-tunes each candidate briefly on training data, and the request has none (Train is null)", nameof(PlanningRequest.Train));
            }
            _request = request;
            _options = options;
            _progress = progress;
            _cancellation = cancellation;
            // Amounts are given per group as exact unit counts, already on the channel multiple: no rounding after.
            _template = request.Options with { Ratio = 0, Threshold = null, Scope = PruningScope.Local, GroupRatios = null, RoundTo = 1 };
            _multiple = Math.Max(request.Options.RoundTo, request.Target.PrimaryChannelMultiple());
            _reference = request.Reference ?? request.Costs.Measure(request.Model);
        }

        private PruningBudget Budget => _request.Budget;

        private int FirstBatch => Budget.Batches[0];

        public PlannerResult Run(string planner)
        {
            var original = _request.Model;
            var groups = Pruner.Plan(original, _template, _request.Gradients).ChannelGroups.ToList();
            // For each group, the original model's units the current model still has, in the current model's order.
            var kept = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. Enumerable.Range(0, g.Units)], StringComparer.Ordinal);
            var current = original;
            var cost = _request.Costs.Measure(original);
            _cancellation.ThrowIfCancellationRequested();
            _candidates.Add(new PlanCandidate("start", cost.Of(Budget.Kind, FirstBatch), _proxy.Accuracy(original, _cancellation), false));
            var stepAmount = Math.Max(0, Gap(cost)) / _options.Steps;
            var step = 0;
            var stuck = false;
            while (!Meets(cost) && step < _options.MaxSteps)
            {
                _cancellation.ThrowIfCancellationRequested();
                step++;
                var proposals = groups
                    .Select(g => Propose(current, cost, g.Key, stepAmount, g.Units))
                    .OfType<Proposal>()
                    .OrderByDescending(p => p.Reduction).ThenBy(p => p.Group, StringComparer.Ordinal)
                    .Take(_options.CandidatesPerStep)
                    .ToList();
                if (proposals.Count == 0)
                {
                    stuck = true;
                    break;
                }
                var (chosen, tuned, accuracy) = Score(step, proposals);
                _choices.Add(new Choice(step, chosen.Group, chosen.Decision.Removed.Count, accuracy, proposals.Count));
                var before = kept[chosen.Group];
                kept[chosen.Group] = [.. chosen.Decision.Kept!.Select(i => before[i])];
                (current, cost) = (tuned, chosen.Cost);
            }
            return Result(planner, original, groups, kept, current, step, stuck);
        }

        // How far above the budget a cost is, in multiples of the limit (0 or below: within it).
        private double Gap(ModelCost cost) => CostMeter.Ratio(cost, _reference, Budget) - 1;

        private bool Meets(ModelCost cost) => CostMeter.Meets(cost, _reference, Budget);

        // Removes channel multiples from one group of the current model until the cost falls by a step's amount, the
        // budget is met, or the group is down to one multiple; null when it is there already.
        private Proposal? Propose(Model current, ModelCost cost, string group, double stepAmount, int originalUnits)
        {
            var multiple = MultipleFor(originalUnits);
            var units = UnitsOf(current, group);
            var target = (units - 1) / multiple * multiple;
            Proposal? proposal = null;
            for (; target >= multiple; target -= multiple)
            {
                _cancellation.ThrowIfCancellationRequested();
                var ratios = new Dictionary<string, double> { [group] = (units - target) / (double)units };
                var plan = Pruner.Plan(current, _template with { GroupRatios = ratios }, GradientsFor(current));
                var model = Pruner.Apply(current, plan, _template.Shapes);
                var pruned = _request.Costs.Measure(model);
                proposal = new Proposal(group, plan.ChannelGroups.Single(g => g.Key == group), model, pruned, Gap(cost) - Gap(pruned));
                if (proposal.Reduction >= stepAmount * (1 - 1e-9) || Meets(pruned))
                {
                    break;
                }
            }
            return proposal;
        }

        // A group smaller than two of the target's multiples could only keep one: it steps by single units instead.
        private int MultipleFor(int originalUnits) => originalUnits >= 2 * _multiple ? _multiple : 1;

        private int UnitsOf(Model current, string group) =>
            Pruner.Plan(current, _template, GradientsFor(current)).ChannelGroups.FirstOrDefault(g => g.Key == group)?.Units
                ?? throw new ShearsException($"the search lost track of group '{group}': the pruned model no longer has it");

        // The request's gradients are for its own model; a model the search has pruned needs its own.
        private IReadOnlyDictionary<string, float[]>? GradientsFor(Model current)
        {
            if (_template.Criterion != ImportanceCriterion.Taylor || ReferenceEquals(current, _request.Model))
            {
                return _request.Gradients;
            }
            if (!ReferenceEquals(_gradients.Model, current))
            {
                var data = _request.Train ?? _request.Validation!;
                _gradients = (current, GradientSampler.Compute(current, data, seed: _request.Seed, engine: _request.Engine));
            }
            return _gradients.Values;
        }

        // Fine-tunes each proposal on the same batches and scores it; the most accurate wins (then the cheaper, then by name).
        private (Proposal Chosen, Model Tuned, double Accuracy) Score(int step, IReadOnlyList<Proposal> proposals)
        {
            var scored = new List<(Proposal Proposal, Model Tuned, double Accuracy)>();
            var train = _options.ProxySteps > 0
                ? BatchSubset.Cycle(_request.Train!, _options.ProxySteps * _options.ProxyBatchSize, _request.Seed, $"search/step {step}")
                : null;
            foreach (var proposal in proposals)
            {
                _cancellation.ThrowIfCancellationRequested();
                var tuned = train is null ? proposal.Model : FineTune(proposal.Model, train, step);
                var accuracy = _proxy.Accuracy(tuned, _cancellation);
                var label = $"step {step}: {proposal.Group} −{proposal.Decision.Removed.Count}";
                _candidates.Add(new PlanCandidate(label, proposal.Cost.Of(Budget.Kind, FirstBatch), accuracy, false));
                scored.Add((proposal, tuned, accuracy));
                _progress?.Report(new OperationProgress("search", step, Math.Max(step, _options.Steps), string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {accuracy:P2}, {CostMeter.Ratio(proposal.Cost, _reference, Budget):0.000}× of the budget")));
            }
            var best = scored
                .OrderByDescending(s => s.Accuracy)
                .ThenBy(s => CostMeter.Ratio(s.Proposal.Cost, _reference, Budget))
                .ThenBy(s => s.Proposal.Group, StringComparer.Ordinal)
                .First();
            return (best.Proposal, best.Tuned, best.Accuracy);
        }

        private Model FineTune(Model model, IBatchSource train, int step)
        {
            var options = new TrainingOptions
            {
                Epochs = 1,
                BatchSize = _options.ProxyBatchSize,
                Seed = _request.Seed + (ulong)step,
                Schedule = new LearningRateSchedule.Constant(_options.LearningRate),
                Engine = _request.Engine ?? Engine.EngineOptions.Default,
            };
            return ShearsModel.From(model).FineTune(train, options, cancellation: _cancellation).Model;
        }

        private PlannerResult Result(string planner, Model original, IReadOnlyList<PlanGroup> groups, IReadOnlyDictionary<string, IReadOnlyList<int>> kept,
            Model current, int steps, bool stuck)
        {
            var plan = Pruner.Plan(original, _template, _request.Gradients);
            var decided = groups.Select(g =>
            {
                var keep = kept[g.Key].ToHashSet();
                return PlanGroup.ForUnits(g.Key, g.Granularity, g.Units, [.. Enumerable.Range(0, g.Units).Where(u => !keep.Contains(u))], g.Channels);
            }).ToList();
            var final = Pruner.Apply(original, plan with { Groups = decided, Recipe = null }, _template.Shapes);
            if (!SameArchitecture(final, current))
            {
                throw new ShearsException("the search's plan does not give the architecture the search ended with");
            }
            var cost = _request.Costs.Measure(final);
            var met = Meets(cost);
            var why = met ? "met" : stuck ? "missed: no group can lose another channel multiple" : $"missed after the most steps allowed ({_options.MaxSteps})";
            var note = string.Create(CultureInfo.InvariantCulture,
                $"search: {steps} step(s), {_candidates.Count - 1} candidate(s) scored by {(_options.ProxySteps > 0 ? $"{_options.ProxySteps} fine-tuning steps and " : "")}accuracy on {_proxy.Count} held-out samples; budget {Budget} {why}: {CostMeter.Ratio(cost, _reference, Budget):0.000}× of the limit");
            return new PlannerResult
            {
                Plan = plan with { Groups = decided, Recipe = null, Notes = [.. plan.Notes, note] },
                Planner = planner,
                Reference = _reference,
                Cost = cost,
                Met = met,
                Decisions = [.. decided.Select(g => new PlanDecision(g.Key, g.Granularity, g.Units, g.Kept!.Count, Reason(g)))],
                Candidates = ParetoFront.Mark(_candidates),
            };
        }

        private string Reason(PlanGroup group)
        {
            var mine = _choices.Where(c => c.Group == group.Key).ToList();
            if (mine.Count == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"kept all {group.Units}: in no step was cutting it the most accurate candidate");
            }
            var steps = string.Join(", ", mine.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"−{c.Removed} in step {c.Step} ({c.Accuracy:P1}, best of {c.Scored})")));
            return string.Create(CultureInfo.InvariantCulture, $"kept {group.Kept!.Count} of {group.Units}, in steps of {MultipleFor(group.Units)}: ") + steps;
        }

        private static bool SameArchitecture(Model a, Model b) =>
            a.Graph.Initializers.Count == b.Graph.Initializers.Count
            && a.Graph.Initializers.All(pair => b.Graph.Initializers.TryGetValue(pair.Key, out var other) && pair.Value.Dims.SequenceEqual(other.Dims));
    }
}
