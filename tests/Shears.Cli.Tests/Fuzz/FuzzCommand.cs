namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// One `shears` command line that reads a model, run on every kind of broken copy. <see cref="Weight"/> says how
/// often it is drawn: commands that time or train a model that does load are drawn less.
/// </summary>
internal sealed record FuzzCommand(string Name, int Weight, bool NeedsData, Func<FuzzPaths, string[]> Arguments)
{
    /// <summary>Every model-reading verb, pruning at each granularity; hardware reads no model and is left out.</summary>
    public static IReadOnlyList<FuzzCommand> All { get; } =
    [
        new("analyze", 10, false, p => ["analyze", p.Model]),
        new("analyze --json --batch 2", 4, false, p => ["analyze", p.Model, "--json", "--batch", "2"]),
        new("prune channel", 8, false, p => ["prune", p.Model, "-o", p.Output, "--ratio", "0.3"]),
        new("prune channel global mask + plan", 3, false, p => ["prune", p.Model, "-o", p.Output, "--ratio", "0.4", "--scope", "global", "--mode", "mask", "--round-to", "2", "--save-plan", p.Plan]),
        new("prune unstructured", 4, false, p => ["prune", p.Model, "-o", p.Output, "--granularity", "unstructured", "--ratio", "0.5", "--json"]),
        new("prune n:m", 3, false, p => ["prune", p.Model, "-o", p.Output, "--granularity", "n:m", "--n", "2", "--m", "4"]),
        new("prune block", 3, false, p => ["prune", p.Model, "-o", p.Output, "--granularity", "block", "--block", "2x4", "--ratio", "0.5"]),
        new("prune layer", 3, false, p => ["prune", p.Model, "-o", p.Output, "--granularity", "layer", "--ratio", "0.5"]),
        new("prune head", 2, false, p => ["prune", p.Model, "-o", p.Output, "--granularity", "head", "--ratio", "0.5"]),
        new("prune bn-scale", 2, false, p => ["prune", p.Model, "-o", p.Output, "--criterion", "bn", "--ratio", "0.25"]),
        new("prune taylor", 2, true, p => ["prune", p.Model, "-o", p.Output, "--criterion", "taylor", "--data", p.Data, "--samples", "16", "--ratio", "0.3"]),
        new("evaluate", 1, true, p => ["evaluate", p.Model, "--data", p.Data, "--batch", "64", "--threads", "1"]),
        new("train --from", 2, true, p => ["train", "--from", p.Model, "--data", p.Data, "--epochs", "1", "--batch", "100", "--threads", "1", "-o", p.Output]),
        new("profile --runtime engine", 1, false, p => ["profile", p.Model, "--runtime", "engine", "--batch", "1", "--json"]),
    ];
}
