namespace Shears.Hardware;

/// <summary>The hardware a plan is made for: this machine, measured, or a named profile from the catalogue.</summary>
public static class HardwareTargets
{
    /// <summary>This machine: its instruction sets, caches and cores, with compute peak and bandwidth measured once and cached.</summary>
    public static HardwareProfile Host() => ProfileCatalog.Load().Find(ProfileCatalog.HostName);

    /// <summary>A built-in profile by name (see <see cref="Names"/>), a profile JSON file by path, or "host".</summary>
    /// <exception cref="ShearsException">No profile has that name and no such file exists.</exception>
    public static HardwareProfile Named(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return ProfileCatalog.Load().Find(nameOrPath);
    }

    /// <summary>Names of the profiles <see cref="Named"/> knows.</summary>
    public static IReadOnlyList<string> Names => ProfileCatalog.Load().Names;
}
