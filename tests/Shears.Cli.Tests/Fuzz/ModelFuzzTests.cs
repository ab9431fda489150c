using Shears.Data;
using Shears.Models;
using Shears.Onnx;
using Shears.Testing;
using Xunit.Abstractions;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Every model-reading command, run on thousands of seeded broken copies of real models, handles each or rejects
/// it with one "error:" line and exit 1 (see <see cref="FuzzCaseRunner"/>). The built-in MLP and CNN get most
/// cases because they are quick; two PyTorch exports get fewer. The time budget only bounds how many cases beyond
/// the fixed minimum run; it is never asserted.
/// </summary>
public sealed class ModelFuzzTests(FashionMnistSubset subset, ITestOutputHelper log) : IClassFixture<FashionMnistSubset>
{
    private const ulong Seed = 20_241_207;

    [Fact]
    public void Broken_copies_of_the_built_in_mlp_are_handled_or_rejected() =>
        Fuzz("mlp", OnnxWriter.ToBytes(ModelZoo.Build(Architecture.Mlp)), FuzzCommand.All, FuzzBudget.Of(600, 4000, 25), TimeSpan.FromSeconds(30));

    [Fact]
    public void Broken_copies_of_the_built_in_cnn_are_handled_or_rejected() =>
        Fuzz("cnn", OnnxWriter.ToBytes(ModelZoo.Build(Architecture.Cnn)), FuzzCommand.All, FuzzBudget.Of(400, 3000, 25), TimeSpan.FromSeconds(30));

    [Fact]
    public void Broken_copies_of_an_exported_transformer_are_handled_or_rejected() =>
        Fuzz("transformer_encoder_op13", File.ReadAllBytes(TorchvisionExports.Get("transformer_encoder")), FuzzCommand.All.Where(c => c.Name != "profile --runtime engine").ToList(), FuzzBudget.Of(120, 1000, 12), TimeSpan.FromSeconds(60));

    [Fact]
    public void Broken_copies_of_mobilenet_v2_are_handled_or_rejected() =>
        Fuzz("mobilenet_v2_op13", File.ReadAllBytes(TorchvisionExports.Get("mobilenet_v2")), FuzzCommand.All.Where(c => c.Name is "analyze" or "prune channel" or "prune n:m" or "evaluate").ToList(), FuzzBudget.Of(30, 400, 12), TimeSpan.FromSeconds(120));

    private void Fuzz(string name, byte[] model, IReadOnlyList<FuzzCommand> commands, FuzzBudget budget, TimeSpan caseTimeout)
    {
        var data = FashionMnist.IsAvailable() ? subset.Folder : Path.Combine(Path.GetTempPath(), "shears-fuzz-no-fashion-mnist");
        var report = new FuzzCampaign(name, model, Seed, commands).Run(budget, data, caseTimeout);
        log.WriteLine(report.Details());
        Assert.True(report.Failed == 0, report.Details());
    }
}
