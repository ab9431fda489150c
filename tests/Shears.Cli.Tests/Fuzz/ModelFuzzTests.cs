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
    // SHEARS_FUZZ_SEED draws other cases, for a soak beyond the fixed ones.
    private static readonly ulong Seed =
        ulong.TryParse(Environment.GetEnvironmentVariable("SHEARS_FUZZ_SEED"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 20_241_207;

    [Fact]
    public void Broken_copies_of_the_built_in_mlp_are_handled_or_rejected() =>
        Fuzz(Architecture.Mlp, FuzzBudget.Of(600, 4000, 20));

    [Fact]
    public void Broken_copies_of_the_built_in_cnn_are_handled_or_rejected() =>
        Fuzz(Architecture.Cnn, FuzzBudget.Of(300, 3000, 15));

    [Fact]
    public void Broken_copies_of_the_built_in_resnet_are_handled_or_rejected() =>
        Fuzz(Architecture.ResNet, FuzzBudget.Of(150, 2000, 12));

    [Fact]
    public void Broken_copies_of_the_built_in_vit_are_handled_or_rejected() =>
        Fuzz(Architecture.Vit, FuzzBudget.Of(150, 2000, 12));

    [Fact]
    public void Broken_copies_of_an_exported_transformer_are_handled_or_rejected() =>
        Fuzz("transformer_encoder_op13", File.ReadAllBytes(TorchvisionExports.Get("transformer_encoder")), FuzzCommand.All.Where(c => c.Name != "profile --runtime engine").ToList(), FuzzBudget.Of(100, 1000, 8), TimeSpan.FromSeconds(60));

    [Fact]
    public void Broken_copies_of_mobilenet_v2_are_handled_or_rejected() =>
        Fuzz("mobilenet_v2_op13", File.ReadAllBytes(TorchvisionExports.Get("mobilenet_v2")), FuzzCommand.All.Where(c => c.Name is "analyze" or "prune channel" or "prune n:m" or "evaluate").ToList(), FuzzBudget.Of(25, 400, 10), TimeSpan.FromSeconds(120));

    private void Fuzz(Architecture architecture, FuzzBudget budget) =>
        Fuzz(Architectures.Name(architecture), OnnxWriter.ToBytes(ModelZoo.Build(architecture)), FuzzCommand.All, budget, TimeSpan.FromSeconds(30));

    private void Fuzz(string name, byte[] model, IReadOnlyList<FuzzCommand> commands, FuzzBudget budget, TimeSpan caseTimeout)
    {
        var data = FashionMnist.IsAvailable() ? subset.Folder : Path.Combine(Path.GetTempPath(), "shears-fuzz-no-fashion-mnist");
        var report = new FuzzCampaign(name, model, Seed, commands).Run(budget, data, caseTimeout);
        log.WriteLine(report.Details());
        Assert.True(report.Failed == 0, report.Details());
    }
}
