using Spectre.Console;

namespace Shears.Cli.Rendering;

/// <summary>
/// Draws a long operation's progress: a live bar when the output is a terminal, else one plain line per step (on
/// stderr, when a terminal, if stdout carries JSON), so `./demo | tee log` shows what is happening and a pipe never gets control codes.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, drawing what it reports; <paramref name="describe"/> turns a report into (fraction done, text, whether it ends a step worth a line).</summary>
    public static T Run<T, TProgress>(CliOutput output, string title, bool json, Func<TProgress, (double Done, string Text, bool StepEnded)> describe, Func<IProgress<TProgress>, T> work)
    {
        if (IsTerminal(output))
        {
            var result = default(T)!;
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                    result = work(new SynchronousProgress<TProgress>(p =>
                    {
                        var (done, text, _) = describe(p);
                        task.Description = Markup.Escape($"{title}: {text}");
                        task.Value = Math.Clamp(done, 0, 1);
                    }));
                    task.Value = 1;
                });
            return result;
        }
        // JSON on stdout keeps stdout pure; the steps then go to stderr, but only where a person reads it.
        var lines = json ? output.Error : output.Out;
        var silent = json && (!ReferenceEquals(output.Error, Console.Error) || Console.IsErrorRedirected);
        return work(new SynchronousProgress<TProgress>(p =>
        {
            var (_, text, stepEnded) = describe(p);
            if (stepEnded && !silent)
            {
                lines.WriteLine($"{title}: {text}");
            }
        }));
    }

    /// <summary>Runs an operation that reports <see cref="OperationProgress"/>, with a line per step when piped.</summary>
    public static T Run<T>(CliOutput output, string title, bool json, Func<IProgress<OperationProgress>, T> work) =>
        Run(output, title, json, (OperationProgress p) => (
            p.Steps > 0 ? (double)p.Step / p.Steps : 0,
            p.Detail is null ? $"{p.Step}/{p.Steps}" : $"{p.Step}/{p.Steps} {p.Detail}",
            p.Detail is not null || p.Step == p.Steps), work);

    private static bool IsTerminal(CliOutput output) =>
        !Console.IsOutputRedirected && ReferenceEquals(output.Out, Console.Out);

    /// <summary>Reports on the working thread, so the bar updates without a synchronisation context.</summary>
    private sealed class SynchronousProgress<TProgress>(Action<TProgress> report) : IProgress<TProgress>
    {
        public void Report(TProgress value) => report(value);
    }
}
