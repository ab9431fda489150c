using Shears.Analysis;
using Shears.Models;
using Shears.Onnx;
using Shears.Preprocessing;
using Shears.Testing;

namespace Shears.Cli.Tests;

/// <summary>
/// Packs the Shears library as NuGet does for a release, then restores, builds and runs samples/Shears.Sample against
/// that package (not the source tree) in a folder of its own, as a user's project would: a package that is missing a
/// file, a dependency or an API the sample uses fails here.
/// </summary>
public sealed class SamplePackageTests(FashionMnistSubset subset) : IClassFixture<FashionMnistSubset>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [FashionMnistFact]
    public void The_sample_runs_against_the_packed_package()
    {
        using var folder = new TemporaryFolder();
        var packages = Directory.CreateDirectory(folder.File("packages")).FullName;
        var pack = Dotnet(RepositoryRoot.Path, "pack", RepositoryRoot.Combine("src", "Shears", "Shears.csproj"), "-c", Configuration, "--no-build", "-o", packages);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}\n{pack.Errors}");
        var version = File.ReadAllText(RepositoryRoot.Combine("Version.props")).Split("<ShearsVersion>")[1].Split('<')[0];
        Assert.True(File.Exists(Path.Combine(packages, $"Shears.{version}.nupkg")), $"no Shears.{version}.nupkg in {packages}");

        // The sample's own files, beside the version file they import, and nothing else of the repository.
        var root = folder.File("checkout");
        Copy(RepositoryRoot.Combine("samples"), Path.Combine(root, "samples"));
        File.Copy(RepositoryRoot.Combine("Version.props"), Path.Combine(root, "Version.props"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var userCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set : Path.Combine(home, ".nuget", "packages");
        // A fresh packages folder, so a stale Shears of the same version in the user's cache cannot stand in; the
        // user's cache serves only as an offline source of the third-party dependencies.
        File.WriteAllText(Path.Combine(root, "samples", "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{folder.File("nuget-cache")}" /></config>
              <packageSources>
                <clear />
                <add key="shears" value="{packages}" />
                <add key="local-cache" value="{userCache}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        var model = folder.File("model.onnx");
        OnnxWriter.Write(InGraphNormalization.Prepend(ModelZoo.Build(Architecture.Mlp, seed: 1), new InputStatistics([0.286f], [0.353f])), model);
        var output = folder.File("pruned.onnx");
        var project = Path.Combine(root, "samples", "Shears.Sample");
        var run = Dotnet(project, "run", "-c", "Release", "--", model, subset.Folder, output);

        Assert.True(run.ExitCode == 0, $"the sample failed:\n{run.Output}\n{run.Errors}");
        Assert.Contains("pruned:", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(output), "the sample wrote no model");
        var dense = ModelAnalyzer.Analyze(OnnxReader.Read(model)).Macs;
        var pruned = ModelAnalyzer.Analyze(OnnxReader.Read(output)).Macs;
        Assert.InRange(pruned, 1, dense / 2);
        Assert.True(Directory.Exists(Path.Combine(folder.File("nuget-cache"), "shears", version)), "the sample did not restore Shears from the packed package");
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static PythonRun Dotnet(string directory, params string[] arguments) =>
        ProcessRun.Run("dotnet", arguments, directory, Limit, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
