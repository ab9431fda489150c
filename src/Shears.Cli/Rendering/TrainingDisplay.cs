using System.Globalization;
using Shears.Engine.Training;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>Shows training: a live bar on a terminal, one line per epoch otherwise, and the per-epoch table at the end.</summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="train"/>, drawing its progress.</summary>
    public static T Run<T>(CliOutput output, bool json, Func<IProgress<TrainingProgress>, T> train) =>
        ProgressDisplay.Run(output, "training", json, (TrainingProgress p) => (
            (p.Epoch - 1 + ((double)p.Step / p.StepsPerEpoch)) / Math.Max(1, p.Epochs),
            Describe(p),
            p.Step == p.StepsPerEpoch), train);

    /// <summary>The loss, accuracy and speed of every epoch, as a table.</summary>
    public static void RenderHistory(IAnsiConsole console, IReadOnlyList<EpochResult> history)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Training[/]");
        table.AddColumn("Epoch", c => c.RightAligned());
        table.AddColumn("Loss", c => c.RightAligned());
        table.AddColumn("Accuracy", c => c.RightAligned());
        table.AddColumn("Seconds", c => c.RightAligned());
        table.AddColumn("Samples/s", c => c.RightAligned());
        foreach (var epoch in history)
        {
            table.AddRow(
                epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                epoch.Loss.ToString("0.0000", CultureInfo.InvariantCulture),
                (epoch.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                epoch.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
                epoch.SamplesPerSecond.ToString("0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    private static string Describe(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch} loss {p.Loss:0.000} acc {p.Accuracy * 100:0.0}% {p.SamplesPerSecond:0}/s");
}
