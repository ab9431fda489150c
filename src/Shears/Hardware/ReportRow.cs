namespace Shears.Hardware;

/// <summary>One line of a human-readable hardware report: what, how much, and according to whom.</summary>
public sealed record ReportRow(string Label, string Value, string Source);
