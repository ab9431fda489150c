using System.Diagnostics;
using System.Text.RegularExpressions;
using Shears.Numerics;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of one seed model: case i is mutation and command drawn from its own stream of the seed, so any
/// case can be replayed alone (SHEARS_FUZZ_CASE=i). At least <see cref="FuzzBudget.MinimumCases"/> cases always run;
/// more run while the time budget lasts, up to <see cref="FuzzBudget.MaximumCases"/>.
/// </summary>
internal sealed partial class FuzzCampaign(string seedName, byte[] seedModel, ulong seed, IReadOnlyList<FuzzCommand> commands)
{
    private const int FailuresKept = 25;

    public FuzzReport Run(FuzzBudget budget, string data, TimeSpan caseTimeout)
    {
        var mutator = new ModelMutator(seedModel);
        var folder = Directory.CreateTempSubdirectory("shears-fuzz-").FullName;
        var runner = new FuzzCaseRunner(folder, data, caseTimeout);
        var clock = Stopwatch.StartNew();
        var exitCodes = new SortedDictionary<int, int>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = 0;
        var cases = 0;
        try
        {
            foreach (var index in budget.CaseIndices())
            {
                if (cases >= budget.MinimumCases && (clock.Elapsed >= budget.Time || cases >= budget.MaximumCases))
                {
                    break;
                }
                var rng = Rng.ForStream(seed, (ulong)index);
                var command = PickCommand(rng);
                var mutation = mutator.Mutate(rng);
                var result = runner.Run(mutation, command);
                cases++;
                exitCodes[result.ExitCode] = exitCodes.GetValueOrDefault(result.ExitCode) + 1;
                if (result.Problem is { } problem)
                {
                    failed++;
                    var signature = $"{command.Name}: {Normalize(problem)}";
                    if (failures.Count < FailuresKept)
                    {
                        failures.TryAdd(signature, $"case {index} [{command.Name}] {mutation.Description}: {problem}");
                    }
                }
                if (result.Hung)
                {
                    // The hung command still holds a core; later timings would mean nothing.
                    break;
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return new FuzzReport(seedName, cases, clock.Elapsed, exitCodes, failed, [.. failures.Values]);
    }

    private FuzzCommand PickCommand(Rng rng)
    {
        var roll = rng.NextInt(commands.Sum(c => c.Weight));
        foreach (var command in commands)
        {
            roll -= command.Weight;
            if (roll < 0)
            {
                return command;
            }
        }
        return commands[^1];
    }

    // Failures that differ only in numbers or quoted names are one bug.
    private static string Normalize(string problem) => Quoted().Replace(Digits().Replace(problem, "#"), "'…'");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();
}
