using Shears.Hardware.Host;

namespace Shears.Hardware;

/// <summary>
/// Every hardware profile Shears knows: the detected host, the built-in targets shipped as embedded
/// JSON, and user profiles (*.json) from the user profile folders and explicit paths.
/// Profiles are resolved and validated when first asked for.
/// </summary>
public sealed class ProfileCatalog
{
    /// <summary>The reserved name of the detected machine's profile ("host").</summary>
    public const string HostName = HostDetector.ProfileName;

    private const string ResourcePrefix = "Shears.Hardware.Profiles.";

    private readonly Dictionary<string, RawProfile> _raw;
    private readonly Dictionary<string, HardwareProfile> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<HardwareProfile> _host;
    private readonly IReadOnlyList<string> _userDirectories;

    private ProfileCatalog(Dictionary<string, RawProfile> raw, Func<HardwareProfile> host, IReadOnlyList<string> userDirectories)
    {
        _raw = raw;
        _host = new Lazy<HardwareProfile>(host);
        _userDirectories = userDirectories;
        Entries = [new ProfileEntry(HostName, ProfileOrigin.Host, "detected"), .. raw.Values.Select(profile => profile.Entry)];
    }

    /// <summary>The host first, then built-in profiles, then user profiles, each group in file order.</summary>
    public IReadOnlyList<ProfileEntry> Entries { get; }

    /// <summary>Every profile's name, in <see cref="Entries"/> order.</summary>
    public IReadOnlyList<string> Names => [.. Entries.Select(entry => entry.Name)];

    /// <summary>Reads the built-in profiles and scans the user folders; a broken or duplicate profile fails here.</summary>
    public static ProfileCatalog Load(ProfileCatalogOptions? options = null)
    {
        options ??= new ProfileCatalogOptions();
        var userDirectories = options.UserDirectories ?? HardwareDirectories.UserProfiles();
        var raw = new Dictionary<string, RawProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in BuiltIns()
            .Concat(userDirectories.Where(Directory.Exists).SelectMany(UserFilesIn))
            .Concat(options.ExtraPaths.SelectMany(ExplicitFiles)))
        {
            Add(raw, profile);
        }
        var host = options.Host ?? DetectHost;
        return new ProfileCatalog(raw, host, userDirectories);
    }

    /// <summary>
    /// A profile by name (case-insensitive), or by the path of a profile file; fails with the list of known
    /// names when there is no such profile.
    /// </summary>
    public HardwareProfile Find(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (string.Equals(nameOrPath, HostName, StringComparison.OrdinalIgnoreCase))
        {
            return _host.Value;
        }
        if (_resolved.TryGetValue(nameOrPath, out var resolved))
        {
            return resolved;
        }
        if (_raw.TryGetValue(nameOrPath, out var raw))
        {
            resolved = ProfileResolver.Resolve(raw, _raw);
            _resolved[nameOrPath] = resolved;
            return resolved;
        }
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(nameOrPath))
        {
            return ProfileResolver.Resolve(ReadUserFile(nameOrPath), _raw);
        }
        throw new ShearsException(
            $"unknown hardware profile '{nameOrPath}'; known: {string.Join(", ", Names)} " +
            $"(add your own as *.json in {string.Join(" or ", _userDirectories)}, or give a profile file path)");
    }

    private static HardwareProfile DetectHost() => new HostDetector().Detect();

    private static void Add(Dictionary<string, RawProfile> raw, RawProfile profile)
    {
        var name = profile.Entry.Name;
        if (string.Equals(name, HostName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ShearsException($"{profile.Entry.Location}: the name '{HostName}' is reserved for the detected machine");
        }
        if (raw.TryGetValue(name, out var existing))
        {
            throw new ShearsException(
                $"hardware profile '{name}' is defined twice: in {existing.Entry.Location} and in {profile.Entry.Location}");
        }
        raw[name] = profile;
    }

    private static IEnumerable<RawProfile> BuiltIns()
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return Read(reader.ReadToEnd(), $"built-in {resource[ResourcePrefix.Length..]}", ProfileOrigin.BuiltIn);
        }
    }

    private static IEnumerable<RawProfile> UserFilesIn(string directory) =>
        Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(ReadUserFile);

    private static IEnumerable<RawProfile> ExplicitFiles(string path)
    {
        if (Directory.Exists(path))
        {
            return UserFilesIn(path);
        }
        if (File.Exists(path))
        {
            return [ReadUserFile(path)];
        }
        throw new ShearsException($"{path}: no such profile file or folder");
    }

    private static RawProfile ReadUserFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ShearsException($"{path}: cannot read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ShearsException($"{path}: cannot read: {e.Message}", e);
        }
        return Read(text, path, ProfileOrigin.User);
    }

    private static RawProfile Read(string text, string location, ProfileOrigin origin)
    {
        var json = ProfileJson.ParseObject(text, location);
        var name = json["name"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : "";
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ShearsException($"{location}: missing name (every profile needs \"name\": \"...\")");
        }
        return new RawProfile(new ProfileEntry(name, origin, location), json);
    }
}
