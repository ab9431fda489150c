namespace Shears.Engine.Ops;

/// <summary>
/// An Einsum equation with "..." expanded into one placeholder subscript per broadcast axis
/// (right-aligned across operands) and the implicit output (broadcast axes, then the subscripts
/// used once, alphabetically) made explicit.
/// </summary>
internal sealed class EinsumEquation
{
    private EinsumEquation(string[] operands, string output, Dictionary<char, int> sizes)
    {
        Operands = operands;
        Output = output;
        Sizes = sizes;
    }

    /// <summary>One subscript per axis of each operand.</summary>
    public string[] Operands { get; }

    /// <summary>One subscript per axis of the output.</summary>
    public string Output { get; }

    public Dictionary<char, int> Sizes { get; }

    public int[] ShapeOf(string subscripts) => [.. subscripts.Select(s => Sizes[s])];

    public static EinsumEquation Parse(OpExecutorContext c, string equation, int[][] shapes)
    {
        equation = equation.Replace(" ", "", StringComparison.Ordinal);
        var arrow = equation.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow >= 0 ? equation[..arrow] : equation).Split(',');
        if (terms.Length != shapes.Length)
        {
            throw c.Fail($"equation '{equation}' names {terms.Length} operands but the node has {shapes.Length}");
        }
        var broadcastRanks = terms.Select((t, i) => shapes[i].Length - t.Replace("...", "", StringComparison.Ordinal).Length).ToArray();
        var broadcastRank = Math.Max(0, broadcastRanks.Max());
        var operands = new string[terms.Length];
        var sizes = new Dictionary<char, int>();
        for (var t = 0; t < terms.Length; t++)
        {
            var hasEllipsis = terms[t].Contains("...", StringComparison.Ordinal);
            if (broadcastRanks[t] < 0 || (!hasEllipsis && broadcastRanks[t] != 0))
            {
                throw c.Fail($"operand {t} of shape [{string.Join(",", shapes[t])}] does not match '{terms[t]}'");
            }
            operands[t] = terms[t].Replace("...", Placeholders(broadcastRank - broadcastRanks[t], broadcastRanks[t]), StringComparison.Ordinal);
            if (operands[t].Distinct().Count() != operands[t].Length)
            {
                throw c.Fail($"operand '{terms[t]}' repeats a subscript (diagonals are not supported)");
            }
            for (var a = 0; a < operands[t].Length; a++)
            {
                var size = shapes[t][a];
                if (sizes.TryGetValue(operands[t][a], out var known) && known != size)
                {
                    throw c.Fail($"subscript '{operands[t][a]}' has sizes {known} and {size} (broadcasting between operands is not supported)");
                }
                sizes[operands[t][a]] = size;
            }
        }
        string output;
        if (arrow >= 0)
        {
            output = equation[(arrow + 2)..].Replace("...", Placeholders(0, broadcastRank), StringComparison.Ordinal);
        }
        else
        {
            var once = operands.SelectMany(o => o).GroupBy(s => s).Where(g => g.Count() == 1 && g.Key < Placeholder).Select(g => g.Key).Order();
            output = Placeholders(0, broadcastRank) + new string([.. once]);
        }
        if (output.Any(s => !sizes.ContainsKey(s)) || output.Distinct().Count() != output.Length)
        {
            throw c.Fail($"output subscripts of '{equation}' are repeated or not in any operand");
        }
        return new EinsumEquation(operands, output, sizes);
    }

    private const char Placeholder = '\u0100';

    private static string Placeholders(int first, int count) => new([.. Enumerable.Range(first, count).Select(i => (char)(Placeholder + i))]);
}
