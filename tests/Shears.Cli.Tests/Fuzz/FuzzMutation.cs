namespace Shears.Cli.Tests.Fuzz;

/// <summary>A mutated model and what was done to it, for the failure report.</summary>
internal sealed record FuzzMutation(byte[] Bytes, string Description);
