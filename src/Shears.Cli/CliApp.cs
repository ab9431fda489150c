using System.CommandLine;
using Shears.Cli.Commands;

namespace Shears.Cli;

/// <summary>
/// The `shears` command line: parses, dispatches to a verb, and turns every failure into one
/// error line and an exit code (2 usage, 1 input, 3 internal) with no stack trace.
/// </summary>
internal static class CliApp
{
    private static readonly ICliCommand[] Commands = [new AnalyzeCommand(), new PruneCommand(), new TrainCommand(), new EvaluateCommand(), new HardwareCommand(), new ProfileCommand(), new PlanCommand(), new OptimizeCommand(), new DemoCommand()];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new CliOutput(stdout, stderr);
        var root = new RootCommand("Shears: hardware-aware neural-network pruning for ONNX models.");
        foreach (var command in Commands)
        {
            root.Subcommands.Add(command.Build(output));
        }
        if (args.Length == 0)
        {
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return 2;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // An unrecognised word says more than the missing-command error it causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            stderr.WriteLine($"error: {error.Message} (see 'shears --help')");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = stdout,
                Error = stderr,
            });
        }
        catch (InvalidOptionException e)
        {
            stderr.WriteLine($"error: {OneLine(e.MessageWith(OptionFlags.Of))}");
            return e.ExitCode;
        }
        catch (ShearsException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return e.ExitCode;
        }
        catch (OutOfMemoryException)
        {
            stderr.WriteLine("error: out of memory");
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("SHEARS_DEBUG") != "1")
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message.Split('\n')[0]} (set SHEARS_DEBUG=1 for details)");
            return 3;
        }
    }

    // A message may quote names read from a model, which can hold line breaks or other control characters;
    // escaped, the error stays one line.
    private static string OneLine(string message) =>
        string.Concat(message.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
