using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shears.Analysis;
using Shears.Engine.Training;
using Shears.Evaluation;
using Shears.Hardware;
using Shears.Hardware.Latency;
using Shears.IR;
using Shears.Onnx;
using Shears.Preprocessing;
using Shears.Pruning;
using Shears.Strategy;

namespace Shears.Optimization;

/// <summary>
/// The hardware-aware loop: plan a step of a gradual schedule with a planner, prune, fine-tune (pruned weights stay
/// pruned), judge on the validation split, accept or retry with a smaller cut, and stop when the budget is met, the
/// accuracy floor is reached or the cost stops falling. Every iteration is checkpointed, so an interrupted run
/// continues where it stopped. The test set is touched only for the final report.
/// </summary>
public sealed class Optimizer
{
    private readonly IPlanner _planner;
    private readonly HardwareProfile _target;
    private readonly CostMeter _costs;
    private readonly ILatencyModel? _layerLatency;
    private readonly ILatencyModel? _layerPrediction;

    /// <summary>A loop that plans with <paramref name="planner"/> for <paramref name="target"/>, judging cost with <paramref name="costs"/>.</summary>
    /// <param name="planner">Designs every step's plan.</param>
    /// <param name="target">The hardware the model is for.</param>
    /// <param name="costs">Takes MACs, parameters, bytes and latency (measured on the host, or predicted) at the budget's batches.</param>
    /// <param name="layerLatency">Per-layer measured latency for the report (a metered model with per-node timing); null to leave it out.</param>
    /// <param name="layerPrediction">The target's latency model: planners price candidates with it between measurements, and the report shows its per-layer figures; null to leave both to the cost meter.</param>
    public Optimizer(IPlanner planner, HardwareProfile target, CostMeter costs, ILatencyModel? layerLatency = null, ILatencyModel? layerPrediction = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(costs);
        _planner = planner;
        _target = target;
        _costs = costs;
        _layerLatency = layerLatency;
        _layerPrediction = layerPrediction;
    }

    /// <summary>Runs (or, with <see cref="OptimizationRun.Resume"/>, continues) the loop and returns the best model found and its report.</summary>
    /// <param name="run">The model, data, options and report folder.</param>
    /// <param name="progress">Told at every phase and iteration.</param>
    /// <param name="cancellation">Checked between steps; the checkpoint keeps every finished iteration.</param>
    public OptimizationResult Run(OptimizationRun run, IProgress<OperationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var options = run.Options;
        options.Validate();
        var store = new CheckpointStore(run.Folder);
        var key = RunKey(run);
        if (!run.Resume && store.Exists)
        {
            throw new ShearsException($"{run.Folder} holds the checkpoint of an earlier run; resume it, or give another report folder");
        }
        var state = run.Resume ? store.Load(key) : Start(run, key, progress);
        store.Save(state);
        var clock = Stopwatch.StartNew();
        var total = options.Iterations + 3;
        while (state.StopReason is null)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new OperationProgress("optimising", Math.Min(state.Step, options.Iterations), total,
                $"iteration {state.Records.Count + 1}: step {state.Step + 1} of {options.Iterations}"));
            // The fine-tuning spent stays within the cap, the final phase's epochs reserved.
            if (state.Records.Sum(r => r.Epochs) + options.EpochsPerIteration + options.FinalEpochs > options.MaxEpochs)
            {
                state = state with { StopReason = string.Create(CultureInfo.InvariantCulture, $"fine-tuning cap of {options.MaxEpochs} epochs reached") };
                store.Save(state);
                break;
            }
            state = Iterate(run, state, store, progress, cancellation);
            store.Save(state);
        }
        if (state.FinalModel is null)
        {
            progress?.Report(new OperationProgress("optimising", options.Iterations, total, $"final fine-tuning, {options.FinalEpochs} epochs"));
            var current = Current(run, state, store);
            var (tuned, kept, accuracy) = FineTuneKeepingBest(current, run, options.FinalEpochs, SeedOf(options, 1_000), cancellation);
            state = state with { FinalModel = store.SaveModel(tuned, "final.onnx"), FinalEpochsKept = kept, FinalValidationAccuracy = accuracy };
            store.Save(state);
        }
        if (options.DenseControl && state.DenseControl is null)
        {
            progress?.Report(new OperationProgress("optimising", options.Iterations + 1, total, $"dense control, {Spent(state, options)} epochs"));
            var control = FineTune(run.Model, run, Spent(state, options), SeedOf(options, 2_000), cancellation, distil: false);
            state = state with { DenseControl = Snapshot("dense control", control, run, Spent(state, options)) };
            store.Save(state);
        }
        if (options.UniformBaseline && state.UniformBaseline is null && _planner is not UniformPlanner)
        {
            progress?.Report(new OperationProgress("optimising", options.Iterations + 2, total, $"uniform baseline, {Spent(state, options)} epochs"));
            var plan = new UniformPlanner().Plan(Request(run, Starting(run), state.DenseCost, PlanningBudget(options, Final(options.Budget, state.DenseCost))), cancellation: cancellation);
            var baseline = FineTune(Pruner.Apply(Starting(run), plan.Plan, options.Pruning.Shapes), run, Spent(state, options), SeedOf(options, 3_000), cancellation);
            state = state with { UniformBaseline = Snapshot("uniform baseline", baseline, run, Spent(state, options)) };
            store.Save(state);
        }
        progress?.Report(new OperationProgress("optimising", total, total, "measuring the result"));
        var final = store.LoadModel(state.FinalModel!);
        return new OptimizationResult(final, Report(run, state, final, clock.Elapsed));
    }

    private OptimizationState Start(OptimizationRun run, string key, IProgress<OperationProgress>? progress)
    {
        progress?.Report(new OperationProgress("optimising", 0, run.Options.Iterations + 3, "measuring the input model"));
        var metrics = ClassifierEvaluator.Evaluate(run.Model, run.Validation, engine: run.Options.Engine);
        return new OptimizationState
        {
            RunKey = key,
            DenseCost = _costs.Measure(run.Model),
            DenseValidationAccuracy = metrics.Accuracy,
            DenseValidationLoss = metrics.Loss,
        };
    }

    private OptimizationState Iterate(OptimizationRun run, OptimizationState state, CheckpointStore store, IProgress<OperationProgress>? progress, CancellationToken cancellation)
    {
        var options = run.Options;
        var clock = Stopwatch.StartNew();
        var index = state.Records.Count + 1;
        var final = Final(options.Budget, state.DenseCost);
        var current = Current(run, state, store);
        var currentCost = state.Records.LastOrDefault(r => r.Accepted)?.Cost ?? state.DenseCost;
        var step = state.Step + 1;
        // Past the schedule's end the budget is still missed: cut further, in proportion to how far off it is.
        var scheduled = step <= options.Iterations
            ? PruningSchedule.Fraction(step, options.Iterations, final, options.ScheduleExponent)
            : state.AcceptedFraction * Math.Clamp(1 / CostMeter.Ratio(currentCost, state.DenseCost, options.Budget), 0.5, 0.95);
        // A retry after the accuracy floor broke cuts half as far again from the last accepted point, and again while
        // its plan is no gentler than a cut already rejected (channel multiples make nearby targets the same plan).
        var rejected = state.Records.Reverse().TakeWhile(r => !r.Accepted).ToList();
        var adjustments = state.Adjustments;
        double target;
        PlannerResult planned;
        Model pruned;
        while (true)
        {
            target = state.AcceptedFraction - ((state.AcceptedFraction - scheduled) / Math.Pow(2, adjustments));
            planned = _planner.Plan(Request(run, current, state.DenseCost, PlanningBudget(options, target)) with { Seed = SeedOf(options, (ulong)index) }, progress, cancellation);
            pruned = Pruner.Apply(current, planned.Plan, options.Pruning.Shapes);
            if (!NoGentlerThanRejected(pruned, rejected))
            {
                break;
            }
            if (++adjustments > options.MaxAdjustments)
            {
                return state with { Adjustments = adjustments, StopReason = "accuracy floor reached" };
            }
        }
        store.SavePlan(planned.Plan, string.Create(CultureInfo.InvariantCulture, $"iteration-{index:000}.plan.json"));
        var tuned = FineTune(pruned, run, options.EpochsPerIteration, SeedOf(options, 100 + (ulong)index), cancellation);
        var validation = ClassifierEvaluator.Evaluate(tuned, run.Validation, engine: options.Engine);
        var cost = _costs.Measure(tuned);
        var floor = options.MaxAccuracyDrop is { } drop ? state.DenseValidationAccuracy - ((drop + options.IntermediateSlack) / 100) : (double?)null;
        var ratio = CostMeter.Ratio(cost, state.DenseCost, options.Budget);
        IterationRecord Record(bool accepted, string note) => new()
        {
            Index = index,
            TargetFraction = target,
            Cost = cost,
            ValidationAccuracy = validation.Accuracy,
            ValidationLoss = validation.Loss,
            Epochs = options.EpochsPerIteration,
            Accepted = accepted,
            Note = note,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        if (floor is { } f && validation.Accuracy < f)
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"rejected: validation accuracy {validation.Accuracy * 100:0.00}% is below the floor {f * 100:0.00}%");
            adjustments++;
            return state with
            {
                Records = [.. state.Records, Record(false, note)],
                Adjustments = adjustments,
                StopReason = adjustments > options.MaxAdjustments ? "accuracy floor reached" : null,
            };
        }
        var before = CostMeter.Ratio(currentCost, state.DenseCost, options.Budget);
        var stale = planned.Plan.RemovesNothing || ratio > before * 0.99 ? state.Stale + 1 : 0;
        var met = CostMeter.Meets(cost, state.DenseCost, options.Budget);
        var verified = "";
        if (met && step >= options.Iterations && options.Budget.Kind == BudgetKind.Latency && _costs.Measures)
        {
            // The dense figure is from the start of the run and the machine's load moves: before stopping, the two
            // models are timed again in alternation, and only that comparison may say the budget holds.
            var (denseNow, tunedNow) = Compare(run.Model, tuned);
            met = CostMeter.Meets(tunedNow, denseNow, options.Budget);
            verified = string.Create(CultureInfo.InvariantCulture, $"; timed again beside the input: {CostMeter.Ratio(tunedNow, denseNow, options.Budget):0.000}×");
        }
        var accepted = Record(true, string.Create(CultureInfo.InvariantCulture,
            $"accepted: {ratio:0.000}× of the budget's limit{verified}, validation accuracy {validation.Accuracy * 100:0.00}%"));
        string? stop = null;
        if (step >= options.Iterations && met)
        {
            stop = "budget met";
        }
        else if (stale >= options.Patience)
        {
            stop = string.Create(CultureInfo.InvariantCulture, $"no progress in {stale} iterations");
        }
        else if (step >= 2 * options.Iterations)
        {
            stop = "schedule and extra steps used up";
        }
        return state with
        {
            Records = [.. state.Records, accepted],
            Step = step,
            Adjustments = 0,
            AcceptedFraction = target,
            Stale = stale,
            CurrentModel = store.SaveModel(tuned, string.Create(CultureInfo.InvariantCulture, $"iteration-{index:000}.onnx")),
            StopReason = stop,
            Decisions = Merge(state.Decisions, planned.Decisions),
            Candidates = [.. state.Candidates, .. planned.Candidates],
        };
    }

    // A plan is no gentler than a rejected cut when it leaves at most that cut's MACs and non-zero parameters.
    private static bool NoGentlerThanRejected(Model pruned, IReadOnlyList<IterationRecord> rejected)
    {
        if (rejected.Count == 0)
        {
            return false;
        }
        var analysis = ModelAnalyzer.Analyze(pruned);
        var macs = analysis.Macs;
        var parameters = analysis.Parameters - Sparsity.Of(pruned).Zeros;
        return rejected.Any(r => macs <= r.Cost.Macs && parameters <= r.Cost.Parameters);
    }

    private static IReadOnlyList<PlanDecision> Merge(IReadOnlyList<PlanDecision> earlier, IReadOnlyList<PlanDecision> latest)
    {
        var keys = latest.Select(d => d.Group).ToHashSet(StringComparer.Ordinal);
        return [.. earlier.Where(d => !keys.Contains(d.Group)), .. latest];
    }

    private PlanningRequest Request(OptimizationRun run, Model model, ModelCost dense, PruningBudget budget) => new()
    {
        Model = model,
        Target = _target,
        Budget = budget,
        Costs = _costs,
        Predictor = _layerPrediction,
        Reference = dense,
        Options = run.Options.Pruning,
        Train = run.Train,
        Validation = run.Validation,
        Engine = run.Options.Engine,
        Seed = run.Options.Seed,
    };

    // The planners aim a little under a measured latency limit, so a fresh measurement still meets it.
    private PruningBudget PlanningBudget(OptimizationOptions options, double fraction)
    {
        var margin = options.Budget.Kind == BudgetKind.Latency && _costs.Measures ? 1 - options.LatencyMargin : 1;
        return options.Budget with { Fraction = Math.Clamp(fraction * margin, 1e-6, 1), Limit = null };
    }

    // The budget as a fraction of the dense model: its own fraction, or the tightest of its absolute limits.
    private static double Final(PruningBudget budget, ModelCost dense) =>
        budget.Fraction ?? Math.Min(1, (budget.Kind == BudgetKind.Latency ? budget.Batches : [1]).Min(b => budget.Limit!.Value / dense.Of(budget.Kind, b)));

    // Epochs the pruned model was fine-tuned for, rejected steps included: what the controls get too.
    private static int Spent(OptimizationState state, OptimizationOptions options) => (int)Math.Ceiling(state.Records.Sum(r => r.Epochs)) + options.FinalEpochs;

    private static Model Current(OptimizationRun run, OptimizationState state, CheckpointStore store) =>
        state.CurrentModel is { } name ? store.LoadModel(name) : Starting(run);

    // The pruned models start from the input with its normalisation folded into the first layer (when that is exact):
    // the same function with two nodes fewer. The budget stays relative to the input as given.
    private static Model Starting(OptimizationRun run) =>
        run.Options.FoldInputNormalization ? InputNormalizationFolding.Apply(run.Model) : run.Model;

    private static ulong SeedOf(OptimizationOptions options, ulong stream) => unchecked((options.Seed * 1_000_003UL) + stream);

    private static TrainingOptions Training(OptimizationRun run, int epochs, ulong seed, LearningRateSchedule schedule, bool distil = true) => new()
    {
        Distillation = distil && run.Options.DistillationWeight > 0
            ? new Distillation(run.Model) { Weight = run.Options.DistillationWeight, Temperature = run.Options.DistillationTemperature }
            : null,
        Epochs = epochs,
        BatchSize = run.Options.BatchSize,
        Seed = seed,
        Schedule = schedule,
        Engine = run.Options.Engine,
    };

    private static Model FineTune(Model model, OptimizationRun run, int epochs, ulong seed, CancellationToken cancellation, bool distil = true)
    {
        if (epochs == 0)
        {
            return model;
        }
        var rate = run.Options.LearningRate;
        return ShearsModel.From(model).FineTune(run.Train, Training(run, epochs, seed, new LearningRateSchedule.Cosine(rate, rate * 0.05f), distil), cancellation: cancellation).Model;
    }

    // Epoch by epoch on a decaying rate, keeping the epoch the validation split likes best (the starting model counts too).
    private static (Model Model, int Epochs, double Accuracy) FineTuneKeepingBest(Model model, OptimizationRun run, int epochs, ulong seed, CancellationToken cancellation)
    {
        var best = (Model: model, Epochs: 0, Accuracy: ClassifierEvaluator.Evaluate(model, run.Validation, engine: run.Options.Engine).Accuracy);
        var current = model;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var rate = run.Options.LearningRate * 0.5f * (0.05f + (0.95f * 0.5f * (1 + MathF.Cos(MathF.PI * (epoch - 1) / epochs))));
            current = ShearsModel.From(current).FineTune(run.Train, Training(run, 1, seed + (ulong)epoch, new LearningRateSchedule.Constant(rate)), cancellation: cancellation).Model;
            var accuracy = ClassifierEvaluator.Evaluate(current, run.Validation, engine: run.Options.Engine).Accuracy;
            if (accuracy > best.Accuracy)
            {
                best = (current, epoch, accuracy);
            }
        }
        return best;
    }

    // The cost is measured here unless the caller has a better figure (the interleaved final comparison).
    private ModelSnapshot Snapshot(string label, Model model, OptimizationRun run, double epochs, ModelCost? cost = null)
    {
        var metrics = ClassifierEvaluator.Evaluate(model, run.Test, engine: run.Options.Engine);
        return new ModelSnapshot { Label = label, Accuracy = metrics.Accuracy, Loss = metrics.Loss, Cost = cost ?? _costs.Measure(model), Epochs = epochs };
    }

    private OptimizationReport Report(OptimizationRun run, OptimizationState state, Model final, TimeSpan elapsed)
    {
        var options = run.Options;
        var (denseCost, finalCost) = Compare(run.Model, final);
        var dense = Snapshot("input model", run.Model, run, 0, denseCost);
        var epochs = state.Records.Sum(r => r.Epochs) + state.FinalEpochsKept;
        var optimised = Snapshot("optimised", final, run, epochs, finalCost);
        var notes = new List<string>();
        var met = CostMeter.Meets(optimised.Cost, denseCost, options.Budget);
        if (!met)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"the budget was not reached: the best model found is at {CostMeter.Ratio(optimised.Cost, denseCost, options.Budget):0.000}× of its limit"));
        }
        var slower = optimised.Cost.Latency.Where(l => l.Ms > denseCost.LatencyAt(l.Batch)).ToList();
        if (slower.Count > 0)
        {
            met = false;
            notes.Add($"the optimised model is slower than the input at batch {string.Join(", ", slower.Select(l => l.Batch))}");
        }
        if (options.MaxAccuracyDrop is { } drop && (state.DenseValidationAccuracy - state.FinalValidationAccuracy) * 100 > drop)
        {
            met = false;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"validation accuracy fell {(state.DenseValidationAccuracy - state.FinalValidationAccuracy) * 100:0.00} points, more than the {drop:0.00} allowed"));
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Spent(state, options)} fine-tuning epochs spent of the {options.MaxEpochs} allowed (the final phase kept its best epoch, {state.FinalEpochsKept} of {options.FinalEpochs}); the dense control and uniform baseline got as many; run took {elapsed.TotalSeconds:0} s in this process"));
        if (run.Options.FoldInputNormalization && !ReferenceEquals(Starting(run), run.Model))
        {
            notes.Add("the input normalisation (x − mean) / std is folded into the first layer's weights: the model still takes raw inputs, with two nodes fewer");
        }
        notes.Add($"plans of every iteration are in plans/, each re-applicable with `shears prune --plan` to the model of the iteration before it (checkpoints/)");
        var latency = state.DenseCost.Latency.FirstOrDefault()?.Source ?? "no latency taken";
        return new OptimizationReport
        {
            Model = run.Name,
            Target = $"{_target.Name}: {_target.Description}",
            Machine = run.Machine,
            Budget = options.Budget.ToString(),
            Batches = options.Budget.Batches,
            MaxAccuracyDrop = options.MaxAccuracyDrop,
            Planner = _planner.Name,
            Seed = options.Seed,
            LatencyMeasured = _costs.Measures,
            LatencyMethod = string.Create(CultureInfo.InvariantCulture, $"{latency}, {options.Latency.Threads} thread(s)"),
            Dense = dense,
            Final = optimised,
            DenseControl = state.DenseControl,
            UniformBaseline = state.UniformBaseline,
            Iterations = state.Records,
            Layers = Layers(run.Model, final, state.Decisions, options),
            Pareto = state.Candidates,
            ParetoCostLabel = options.Budget.Kind == BudgetKind.Latency
                ? string.Create(CultureInfo.InvariantCulture, $"latency at batch {options.Budget.Batches[0]} (ms)")
                : options.Budget.Kind.ToString().ToLowerInvariant(),
            BudgetMet = met,
            StopReason = state.StopReason!,
            Notes = notes,
        };
    }

    // The headline comparison measures both models in alternating rounds, so a busy spell of the machine falls on both.
    private (ModelCost Dense, ModelCost Final) Compare(Model dense, Model final)
    {
        const int Rounds = 3;
        var pairs = Enumerable.Range(0, _costs.Measures ? Rounds : 1).Select(_ => (Dense: _costs.Measure(dense), Final: _costs.Measure(final))).ToList();
        ModelCost Median(Func<(ModelCost Dense, ModelCost Final), ModelCost> pick)
        {
            var first = pick(pairs[0]);
            return first with
            {
                Latency = [.. first.Latency.Select(l => l with { Ms = pairs.Select(p => pick(p).LatencyAt(l.Batch)).Order().ElementAt(pairs.Count / 2) })],
            };
        }
        return (Median(p => p.Dense), Median(p => p.Final));
    }

    private IReadOnlyList<LayerChange> Layers(Model dense, Model final, IReadOnlyList<PlanDecision> decisions, OptimizationOptions options)
    {
        var settings = options.Latency with { Batch = options.Budget.Batches[0] };
        IReadOnlyDictionary<string, double> PerLayer(ILatencyModel? latency, Model model) => latency is null
            ? new Dictionary<string, double>()
            : latency.Predict(model, settings).Layers.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Ms), StringComparer.Ordinal);
        var (measuredBefore, measuredAfter) = (PerLayer(_layerLatency, dense), PerLayer(_layerLatency, final));
        var (predictedBefore, predictedAfter) = (PerLayer(_layerPrediction, dense), PerLayer(_layerPrediction, final));
        var sparsityBefore = SparsityByLayer(dense);
        var sparsityAfter = SparsityByLayer(final);
        var after = ModelAnalyzer.Analyze(final).Layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
        var rows = new List<LayerChange>();
        foreach (var layer in ModelAnalyzer.Analyze(dense).Layers.Where(l => l.Parameters > 0 && l.Macs > 0 && l.Category is OpCategory.Convolution or OpCategory.MatrixMultiply))
        {
            var kept = after.GetValueOrDefault(layer.Name);
            var reason = decisions.Where(d => d.Group.Contains(layer.Name, StringComparison.Ordinal) || layer.Name.Contains(d.Group, StringComparison.Ordinal))
                .Select(d => d.Reason).FirstOrDefault() ?? (kept is null ? "removed with its branch" : "");
            rows.Add(new LayerChange
            {
                Name = layer.Name,
                Op = layer.Op,
                ChannelsBefore = Channels(layer),
                ChannelsAfter = kept is null ? 0 : Channels(kept),
                SparsityBefore = sparsityBefore.GetValueOrDefault(layer.Name),
                SparsityAfter = sparsityAfter.GetValueOrDefault(layer.Name),
                MeasuredMsBefore = measuredBefore.TryGetValue(layer.Name, out var mb) ? mb : null,
                MeasuredMsAfter = measuredAfter.TryGetValue(layer.Name, out var ma) ? ma : null,
                PredictedMsBefore = predictedBefore.TryGetValue(layer.Name, out var pb) ? pb : null,
                PredictedMsAfter = predictedAfter.TryGetValue(layer.Name, out var pa) ? pa : null,
                Reason = reason,
            });
        }
        return rows;
    }

    private static Dictionary<string, double> SparsityByLayer(Model model) =>
        Sparsity.Of(model).PerWeight.GroupBy(w => w.Layer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Zeros) / (double)Math.Max(1, g.Sum(w => w.Count)), StringComparer.Ordinal);

    // Output channels: axis 1 of a convolution's NCHW output, the last axis of a linear layer's.
    private static int Channels(LayerCost layer)
    {
        if (layer.OutputShapes.Count == 0 || layer.OutputShapes[0] is not { Rank: > 1 } shape)
        {
            return 0;
        }
        var dim = layer.Category == OpCategory.Convolution ? shape[1] : shape[shape.Rank - 1];
        return dim.Value is { } value ? (int)value : 0;
    }

    private static string RunKey(OptimizationRun run)
    {
        var o = run.Options;
        var text = new StringBuilder();
        text.Append(Convert.ToHexStringLower(SHA256.HashData(OnnxWriter.ToBytes(run.Model)))).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"{run.Train.Count} {run.Validation.Count} {run.Test.Count}\n");
        text.Append(CultureInfo.InvariantCulture, $"{o.Budget} {o.Budget.Kind} {o.Budget.Fraction} {o.Budget.Limit} {o.MaxAccuracyDrop} {o.Iterations} {o.ScheduleExponent} {o.EpochsPerIteration} {o.FinalEpochs} ");
        text.Append(CultureInfo.InvariantCulture, $"{o.Patience} {o.IntermediateSlack} {o.MaxAdjustments} {o.LearningRate} {o.BatchSize} {o.LatencyMargin} {o.Seed} {o.DenseControl} {o.UniformBaseline} {o.DistillationWeight} {o.DistillationTemperature} {o.FoldInputNormalization} {o.MaxEpochs} {o.Latency.Key}\n");
        text.Append(o.Pruning with { Shapes = null, Ignore = [] }).Append('\n').AppendJoin(',', o.Pruning.Ignore);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
