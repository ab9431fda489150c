using System.CommandLine;

namespace Shears.Cli;

/// <summary>One `shears` verb: its command-line shape and what it does.</summary>
internal interface ICliCommand
{
    Command Build(CliOutput output);
}
