using System.Globalization;
using Shears.Data;
using Shears.Engine.Training;
using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>Shows training progress: a live bar on a terminal, one line per epoch otherwise.</summary>
internal static class TrainingDisplay
{
    public static void Run(CliOutput output, Trainer trainer, IBatchSource data, TrainingOptions options)
    {
        if (!Console.IsOutputRedirected && ReferenceEquals(output.Out, Console.Out))
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("training", maxValue: Math.Max(1, options.Epochs));
                    trainer.Train(data, new SynchronousProgress(p =>
                    {
                        task.Description = Describe(p);
                        task.Value = p.Epoch - 1 + ((double)p.Step / p.StepsPerEpoch);
                    }));
                });
        }
        else
        {
            trainer.Train(data);
        }
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Training[/]");
        table.AddColumn("Epoch", c => c.RightAligned());
        table.AddColumn("Loss", c => c.RightAligned());
        table.AddColumn("Accuracy", c => c.RightAligned());
        table.AddColumn("Seconds", c => c.RightAligned());
        table.AddColumn("Samples/s", c => c.RightAligned());
        foreach (var epoch in trainer.History)
        {
            table.AddRow(
                epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                epoch.Loss.ToString("0.0000", CultureInfo.InvariantCulture),
                (epoch.Accuracy * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                epoch.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
                epoch.SamplesPerSecond.ToString("0", CultureInfo.InvariantCulture));
        }
        output.Console.Write(table);
    }

    private static string Describe(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:0.000} acc {p.Accuracy * 100:0.0}% {p.SamplesPerSecond:0}/s");

    /// <summary>Reports on the training thread, so the bar updates without a synchronisation context.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
