namespace Shears.Hardware;

/// <summary>Where <see cref="ProfileCatalog"/> looks for profiles besides the built-in ones.</summary>
public sealed record ProfileCatalogOptions
{
    /// <summary>Folders of user profiles (*.json); null means <see cref="HardwareDirectories.UserProfiles"/>. Missing folders are skipped.</summary>
    public IReadOnlyList<string>? UserDirectories { get; init; }

    /// <summary>Profile files or folders named explicitly (for example on the command line); these must exist.</summary>
    public IReadOnlyList<string> ExtraPaths { get; init; } = [];

    /// <summary>Supplies the "host" profile; null means detecting it with measured figures (cached).</summary>
    public Func<HardwareProfile>? Host { get; init; }
}
