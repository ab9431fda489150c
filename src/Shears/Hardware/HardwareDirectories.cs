namespace Shears.Hardware;

/// <summary>
/// Where Shears keeps hardware data on disk. Environment variables win (SHEARS_CACHE, SHEARS_PROFILES),
/// then the XDG base directories, then ~/.cache/shears and ~/.config/shears.
/// </summary>
public static class HardwareDirectories
{
    /// <summary>Environment variable naming the folder for cached host measurements and latency tables.</summary>
    public const string CacheVariable = "SHEARS_CACHE";
    /// <summary>Environment variable with a path list of folders holding user hardware profiles (*.json).</summary>
    public const string ProfilesVariable = "SHEARS_PROFILES";

    /// <summary>Folder holding one measurement file per host fingerprint.</summary>
    public static string HostCache(Func<string, string?>? environment = null) => Path.Combine(CacheRoot(environment), "hardware");

    /// <summary>Folder holding measured latency tables, one file per host fingerprint, runtime, threads and batch.</summary>
    public static string LatencyCache(Func<string, string?>? environment = null) => Path.Combine(CacheRoot(environment), "latency");

    /// <summary>Folders searched for user profiles: SHEARS_PROFILES (a path list) or the config folder.</summary>
    public static IReadOnlyList<string> UserProfiles(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (NonEmpty(environment(ProfilesVariable)) is { } list)
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var config = NonEmpty(environment("XDG_CONFIG_HOME")) ?? Path.Combine(Home(), ".config");
        return [Path.Combine(config, "shears", "profiles")];
    }

    private static string CacheRoot(Func<string, string?>? environment)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return NonEmpty(environment(CacheVariable))
            ?? Path.Combine(NonEmpty(environment("XDG_CACHE_HOME")) ?? Path.Combine(Home(), ".cache"), "shears");
    }

    private static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
