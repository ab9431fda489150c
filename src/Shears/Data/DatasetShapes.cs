namespace Shears.Data;

/// <summary>How sample shapes are written in messages: 1×28×28, or ?×224×224 for a symbolic dimension.</summary>
internal static class DatasetShapes
{
    public static string Format(IEnumerable<int> shape) => string.Join("×", shape);

    public static string Format(IEnumerable<int?> shape) => string.Join("×", shape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"));
}
