namespace Shears.Interop.Tests.Infrastructure;

/// <summary>The checkout the tests run from, found by walking up to the solution file.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Shears.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Shears.slnx above {AppContext.BaseDirectory}; run the tests from a Shears checkout");
    }
}
