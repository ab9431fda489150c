namespace Shears.Hardware;

/// <summary>Where a profile in the catalog comes from.</summary>
public enum ProfileOrigin
{
    /// <summary>Detected on the machine running Shears.</summary>
    Host,

    /// <summary>Shipped with Shears.</summary>
    BuiltIn,

    /// <summary>A JSON file written by the user.</summary>
    User,
}
