namespace Shears.Hardware;

/// <summary>One line of a human-readable hardware report: what, how much, and according to whom.</summary>
/// <param name="Label">What the row states, such as "Memory bandwidth".</param>
/// <param name="Value">The figure with its unit, as shown.</param>
/// <param name="Source">Where the figure comes from, the distinct sources joined by "; "; empty when none is recorded.</param>
public sealed record ReportRow(string Label, string Value, string Source);
