using Shears.IO;

namespace Shears.Cli;

/// <summary>Checks on where a command writes its model.</summary>
internal static class OutputPath
{
    /// <summary>The output path, or a usage error when it names the input model: Shears never overwrites its input.</summary>
    public static string DistinctFrom(string output, string input) =>
        Path.GetFullPath(output) == Path.GetFullPath(input)
            ? throw new UsageException("-o must differ from the input model; Shears never overwrites its input")
            : Writable(output);

    /// <summary>The output path, once a file can be written there; checked before any long work starts.</summary>
    public static string Writable(string output)
    {
        AtomicFile.RequireWritableLocation(output);
        return output;
    }
}
