using Shears.Analysis;
using Shears.Interop.Tests.Infrastructure;
using Shears.IR;
using Shears.Models;
using Shears.Onnx;
using Shears.OnnxRuntime;
using Shears.Pruning;

namespace Shears.Interop.Tests.Pruning;

/// <summary>
/// A model analysed at batch 1 and pruned keeps its symbolic batch (and sequence length): the
/// written file declares them symbolic, it runs in ONNX Runtime at batch 1, 16 and 128, and one
/// batch of 16 gives what 16 runs of one give. Transformer exports compute their reshape targets
/// from the batch at run time, so pruning heads and channels there exercises the rewriting most;
/// an export with a fixed batch is the reference: its twin with a free batch prunes as much and
/// computes the same.
/// </summary>
public sealed class BatchStaysFreeTests : IClassFixture<DynamicExports>
{
    private static readonly OnnxRuntimeOptions Ort = new() { IntraOpThreads = 2 };

    private static readonly ZooModel Encoder = new("transformer_encoder", DynamicBatch: true, DynamicSequence: true);

    private static readonly ZooModel VitTiny = new("vit_tiny", DynamicBatch: true);

    // Batch 128 only where a run is cheap: the big CNNs show the batch is free at 16 already.
    private static readonly Dictionary<string, (ZooModel? Export, Architecture Seed, PruningOptions Options, long[] Batches)> Cases = new()
    {
        ["resnet18 channels"] = (new ZooModel("resnet18", DynamicBatch: true), default, Channels(0.5), [1, 16]),
        ["mobilenet_v2 channels"] = (new ZooModel("mobilenet_v2", DynamicBatch: true), default, Channels(0.5), [1, 16]),
        ["vit_tiny channels"] = (VitTiny, default, Channels(0.5), [1, 16, 128]),
        ["vit_tiny heads"] = (VitTiny, default, Heads(0.5), [1, 16, 128]),
        ["transformer_encoder channels"] = (Encoder, default, Channels(0.5), [1, 16, 128]),
        ["transformer_encoder heads"] = (Encoder, default, Heads(0.5), [1, 16, 128]),
        ["seed mlp channels"] = (null, Architecture.Mlp, Channels(0.75), [1, 16, 128]),
        ["seed cnn channels"] = (null, Architecture.Cnn, Channels(0.5), [1, 16, 128]),
    };

    private readonly DynamicExports _exports;

    public BatchStaysFreeTests(DynamicExports exports) => _exports = exports;

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Pruned_model_keeps_its_symbolic_batch_and_runs_at_every_batch(string name)
    {
        var (export, seed, options, batches) = Cases[name];
        var model = export is null ? ModelZoo.Build(seed, seed: 1) : _exports.Get(export);
        var pruned = Pruner.Apply(model, Pruner.Plan(model, options));
        using var folder = new TemporaryDirectory();
        var path = folder.File("pruned.onnx");
        OnnxWriter.Write(pruned, path);

        var written = OnnxReader.Read(path).Graph;
        Assert.Equal(model.Graph.RuntimeInputs.Select(i => i.Shape), written.RuntimeInputs.Select(i => i.Shape));
        Assert.Equal(Dim.Named(BatchSymbol(model)), written.Outputs[0].Shape![0]);

        using var session = OnnxRuntimeSession.Open(path, Ort);
        foreach (var batch in batches)
        {
            var output = Run(session, batch)[0];
            Assert.Equal(batch, output.Dims[0]);
            OutputComparison.AssertInformative(output);
        }
        AssertBatchMatchesSingleRuns(session, 16);
        if (export is not null)
        {
            AssertSameAsFixedBatchTwin(session, pruned, export with { DynamicBatch = false, DynamicSequence = false }, options);
        }
    }

    [Fact]
    public void Pruned_encoder_keeps_its_symbolic_sequence_length()
    {
        var model = _exports.Get(Encoder);
        var pruned = Pruner.Apply(model, Pruner.Plan(model, Heads(0.5)));
        using var session = OnnxRuntimeSession.FromModel(pruned, Ort);
        foreach (var sequence in new long[] { 1, 8, 77 })
        {
            var inputs = RandomInputs.For(session, new RandomInputOptions { DimBindings = new Dictionary<string, long> { ["batch"] = 4, ["sequence"] = sequence } });
            Assert.Equal([4L, 10L], session.Run(inputs)[0].Dims.ToArray());
        }
    }

    /// <summary>The export with a fixed batch, pruned the same way, keeps as many parameters and computes the same at batch 1.</summary>
    private void AssertSameAsFixedBatchTwin(OnnxRuntimeSession session, Model pruned, ZooModel fixedBatch, PruningOptions options)
    {
        var twin = _exports.Get(fixedBatch);
        var prunedTwin = Pruner.Apply(twin, Pruner.Plan(twin, options));
        Assert.Equal(ModelAnalyzer.Analyze(prunedTwin).Parameters, ModelAnalyzer.Analyze(pruned).Parameters);
        using var twinSession = OnnxRuntimeSession.FromModel(prunedTwin, Ort);
        var inputs = RandomInputs.For(twinSession, new RandomInputOptions { Seed = 3 });
        var difference = OutputComparison.MaxAbsDifference(twinSession.Run(inputs), session.Run(inputs));
        Assert.True(difference <= 1e-5, $"the free-batch model differs from its fixed-batch twin by {difference}");
    }

    private static PruningOptions Channels(double ratio) => new() { Ratio = ratio };

    private static PruningOptions Heads(double ratio) => new() { Granularity = PruningGranularity.Head, Ratio = ratio };

    private static string BatchSymbol(Model model) => model.Graph.RuntimeInputs.First().Shape![0].Symbol
        ?? throw new InvalidOperationException("the test model should have a symbolic batch");

    private static RunOutputs Run(OnnxRuntimeSession session, long batch, ulong seed = 0) =>
        session.Run(RandomInputs.For(session, Bind(session, batch, seed)));

    private static RandomInputOptions Bind(OnnxRuntimeSession session, long batch, ulong seed) => new()
    {
        Seed = seed,
        // The sequence length the encoder was exported at, which its fixed twin has.
        DimBindings = new Dictionary<string, long> { [session.Inputs[0].Shape![0].Symbol!] = batch, ["sequence"] = 32 },
    };

    /// <summary>One batch of n gives what n runs of one sample each give: no axis mixes samples.</summary>
    private static void AssertBatchMatchesSingleRuns(OnnxRuntimeSession session, int n)
    {
        var inputs = RandomInputs.For(session, Bind(session, n, seed: 7));
        var batched = session.Run(inputs)[0];
        var expected = batched.ToDoubles();
        var perSample = expected.Length / n;
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (var sample = 0; sample < n; sample++)
        {
            var single = session.Run(inputs.Select(t => Sample(t, sample)))[0].ToDoubles();
            for (var j = 0; j < perSample; j++)
            {
                var difference = Math.Abs(single[j] - expected[(sample * perSample) + j]);
                Assert.True(difference <= 1e-4 * scale, $"sample {sample}, element {j}: batched {expected[(sample * perSample) + j]}, alone {single[j]}");
            }
        }
    }

    private static Tensor Sample(Tensor batch, int index)
    {
        var size = batch.Bytes.Length / (int)batch.Dims[0];
        return Tensor.FromBytes(batch.Name, batch.ElementType, [1, .. batch.Dims.Skip(1)], batch.Bytes.Slice(index * size, size));
    }
}
