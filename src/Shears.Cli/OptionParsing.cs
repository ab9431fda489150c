using System.Globalization;
using Shears.IR;

namespace Shears.Cli;

/// <summary>Parsers for option values the library types need.</summary>
internal static class OptionParsing
{
    /// <summary>Parses "NAME=1x3x224x224" (or "1x3x224x224" for the only input) into an input name and shape.</summary>
    public static (string? Name, Shape Shape) InputShape(string text)
    {
        var separator = text.LastIndexOf('=');
        var name = separator > 0 ? text[..separator] : null;
        var dims = separator > 0 ? text[(separator + 1)..] : text;
        var parts = dims.Split(['x', 'X', ','], StringSplitOptions.TrimEntries);
        var values = new List<Dim>();
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
            {
                throw new UsageException($"--input-shape '{text}': '{part}' is not a positive size (expected NAME=1x3x224x224)");
            }
            values.Add(v);
        }
        return (name, new Shape(values));
    }
}
