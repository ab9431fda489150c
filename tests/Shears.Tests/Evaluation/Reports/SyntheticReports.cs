using Shears.Optimization;
using Shears.Strategy;

namespace Shears.Tests.Evaluation.Reports;

/// <summary>Optimisation reports shaped like a real run of the CNN at a 0.25× latency budget, for the renderers' tests.</summary>
internal static class SyntheticReports
{
    public const double DenseMsBatch1 = 0.040;
    public const double FinalMsBatch1 = 0.010;

    public static OptimizationReport Cnn()
    {
        var dense = Snapshot("dense", 0.9120, 0.2510, 2_800_000, 225_034, 900_136, DenseMsBatch1, 3.74, epochs: 0);
        return new OptimizationReport
        {
            Model = "cnn.onnx",
            Target = "host (AMD EPYC, AVX-512)",
            Machine = "AMD EPYC 9R14, family 25, 227 GFLOP/s per core",
            Budget = "0.25× latency at batch 1,128",
            Batches = [1, 128],
            MaxAccuracyDrop = 1.0,
            Planner = "search",
            Seed = 42,
            LatencyMeasured = true,
            LatencyMethod = "measured in onnxruntime on this host, 1 thread",
            Dense = dense,
            Final = Snapshot("optimised", 0.9065, 0.2702, 610_000, 48_210, 192_840, FinalMsBatch1, 0.91, epochs: 6),
            DenseControl = Snapshot("dense control", 0.9180, 0.2401, 2_800_000, 225_034, 900_136, 0.040, 3.74, epochs: 6),
            UniformBaseline = Snapshot("uniform baseline", 0.8950, 0.3011, 700_000, 56_000, 224_000, 0.011, 1.02, epochs: 6),
            Iterations =
            [
                Iteration(1, 0.70, 0.9110, 0.028, 1_950_000, accepted: true, "accepted: 0.70× latency"),
                Iteration(2, 0.48, 0.9092, 0.019, 1_300_000, accepted: true, "accepted: 0.48× latency"),
                Iteration(3, 0.33, 0.8940, 0.013, 850_000, accepted: false, "rejected: validation accuracy fell 1.7 points"),
                Iteration(4, 0.33, 0.9071, 0.013, 860_000, accepted: true, "accepted after a gentler step"),
                Iteration(5, 0.25, 0.9060, 0.010, 610_000, accepted: true, "accepted: budget met"),
            ],
            Layers =
            [
                Layer("conv1", "Conv", 32, 16, 0.0061, 0.0032, 0.0058, 0.0030, "16 channels: the latency table's cliff is at multiples of 16"),
                Layer("conv2", "Conv", 64, 24, 0.0152, 0.0041, 0.0149, 0.0044, "most latency per kept importance"),
                Layer("blocks.2.residual/conv_b_long_name", "Conv", 64, 32, 0.0080, 0.0040, 0.0077, 0.0041, "residual group pruned together with conv2 <b>&</b> its shortcut"),
                Layer("fc1", "Gemm", 128, 40, 0.0060, 0.0019, 0.0064, 0.0020, "features | cut to 40"),
                Layer("fc1_sparse", "MatMul", 128, 128, 0.0021, 0.0020, null, null, "kept: the classifier's input", sparsityAfter: 0.0),
                Layer("fc2", "Gemm", 10, 10, 0.0011, 0.0009, 0.0012, 0.0010, "classifier output: never pruned"),
            ],
            Pareto =
            [
                new PlanCandidate("step 1: conv2 -16", 0.030, 0.905, true),
                new PlanCandidate("step 1: conv1 -8", 0.034, 0.902, false),
                new PlanCandidate("step 2: fc1 -64", 0.022, 0.899, true),
                new PlanCandidate("step 2: conv2 -32", 0.021, 0.884, false),
                new PlanCandidate("step 3: conv_b -32", 0.016, 0.893, true),
                new PlanCandidate("step 3: conv1 -16", 0.017, 0.871, false),
                new PlanCandidate("step 4: fc1 -24", 0.012, 0.886, true),
                new PlanCandidate("step 4: conv2 -8", 0.013, 0.862, false),
                new PlanCandidate("step 5: conv1 -8", 0.010, 0.874, true),
                new PlanCandidate("step 5: fc1 -16", 0.011, 0.851, false),
            ],
            ParetoCostLabel = "latency at batch 1 (ms)",
            BudgetMet = true,
            StopReason = "budget met",
            Notes = ["Latency was measured in a plain session, median of 200 runs.", "Iteration 3 was rolled back | retried with a gentler step."],
        };
    }

    public static ModelSnapshot Snapshot(string label, double accuracy, double loss, long macs, long parameters, long bytes, double msBatch1, double msBatch128, double epochs) => new()
    {
        Label = label,
        Accuracy = accuracy,
        Loss = loss,
        Epochs = epochs,
        Cost = new ModelCost
        {
            Macs = macs,
            Parameters = parameters,
            Bytes = bytes,
            LatencyMeasured = true,
            Latency = [new BatchLatency(1, msBatch1, "measured"), new BatchLatency(128, msBatch128, "measured")],
        },
    };

    private static IterationRecord Iteration(int index, double target, double accuracy, double msBatch1, long macs, bool accepted, string note) => new()
    {
        Index = index,
        TargetFraction = target,
        ValidationAccuracy = accuracy,
        ValidationLoss = 0.25 + (0.92 - accuracy),
        Epochs = 1.5,
        Accepted = accepted,
        Note = note,
        Seconds = 12.5 + index,
        Cost = new ModelCost
        {
            Macs = macs,
            Parameters = macs / 12,
            Bytes = macs / 3,
            LatencyMeasured = true,
            Latency = [new BatchLatency(1, msBatch1, "measured"), new BatchLatency(128, msBatch1 * 93, "measured")],
        },
    };

    private static LayerChange Layer(string name, string op, int before, int after, double measuredBefore, double measuredAfter,
        double? predictedBefore, double? predictedAfter, string reason, double sparsityAfter = 0) => new()
        {
            Name = name,
            Op = op,
            ChannelsBefore = before,
            ChannelsAfter = after,
            SparsityAfter = sparsityAfter,
            MeasuredMsBefore = measuredBefore,
            MeasuredMsAfter = measuredAfter,
            PredictedMsBefore = predictedBefore,
            PredictedMsAfter = predictedAfter,
            Reason = reason,
        };
}
