namespace Shears.Hardware;

/// <summary>A profile the catalog knows, before it is loaded. <see cref="Location"/> is a file path or resource name.</summary>
/// <param name="Name">The name the profile is found by.</param>
/// <param name="Origin">Whether it is the detected host, built in, or the user's.</param>
/// <param name="Location">The file path or embedded resource it was read from ("detected" for the host).</param>
public sealed record ProfileEntry(string Name, ProfileOrigin Origin, string Location);
