namespace Shears.Hardware;

/// <summary>A profile the catalog knows, before it is loaded. <see cref="Location"/> is a file path or resource name.</summary>
public sealed record ProfileEntry(string Name, ProfileOrigin Origin, string Location);
