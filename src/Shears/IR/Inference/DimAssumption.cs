using System.Globalization;

namespace Shears.IR.Inference;

/// <summary>
/// A symbolic (or unknown) input dimension that inference gave a representative size because no
/// binding named it; figures that need a number (MACs, bytes, latency) hold only at that size.
/// </summary>
/// <param name="Input">The graph input.</param>
/// <param name="Axis">The axis of that input.</param>
/// <param name="Symbol">The dimension's name, or null when the model leaves it unnamed.</param>
/// <param name="Value">The size assumed.</param>
public sealed record DimAssumption(string Input, int Axis, string? Symbol, long Value)
{
    /// <summary>For example "x axis 2 (height) = 224".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Input} axis {Axis}{(Symbol is null ? "" : $" ({Symbol})")} = {Value}");
}
