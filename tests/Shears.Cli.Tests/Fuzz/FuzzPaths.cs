namespace Shears.Cli.Tests.Fuzz;

/// <summary>Where one fuzz case's model lies and where its command may write.</summary>
/// <param name="Data">A Fashion-MNIST subset folder, or a folder that does not exist when none is installed.</param>
internal sealed record FuzzPaths(string Model, string Output, string Plan, string Data);
