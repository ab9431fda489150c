namespace Shears.Hardware.Latency;

/// <summary>
/// The measured time of one node as the runtime ran it. Runtimes fuse and insert nodes, so a
/// runtime node is credited to the model layer it computes (<see cref="Layer"/>), or to none when
/// the runtime added it (layout reorders).
/// </summary>
/// <param name="Name">The runtime's name for the node.</param>
/// <param name="Op">The runtime's operator.</param>
/// <param name="Ms">Typical time per run, in milliseconds.</param>
/// <param name="Layer">Display name of the model node it computes; null for nodes the runtime inserted.</param>
public sealed record NodeTiming(string Name, string Op, double Ms, string? Layer);
