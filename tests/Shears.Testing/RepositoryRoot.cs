namespace Shears.Testing;

/// <summary>The checkout the tests or benches run from: the nearest folder holding Shears.slnx.</summary>
public static class RepositoryRoot
{
    private const string Marker = "Shears.slnx";

    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    // The binaries' folder first; the working folder too, for tools that copy binaries out of the checkout.
    private static string Find() =>
        Above(AppContext.BaseDirectory) ?? Above(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"no {Marker} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run from a Shears checkout");

    private static string? Above(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
