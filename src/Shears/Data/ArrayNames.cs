namespace Shears.Data;

/// <summary>Which arrays hold the inputs and labels, and those of a test part when the file has one.</summary>
public sealed record ArrayNames(string Inputs, string Labels, string? TestInputs, string? TestLabels);
