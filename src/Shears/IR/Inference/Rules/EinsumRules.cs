namespace Shears.IR.Inference.Rules;

/// <summary>Shape of Einsum from its equation, including "..." broadcast dimensions and implicit outputs.</summary>
internal static class EinsumRules
{
    public static void Register(RuleTable table) => table.Add(Einsum, "Einsum");

    private static void Einsum(InferenceContext c)
    {
        var equation = c.String("equation", "").Replace(" ", "", StringComparison.Ordinal);
        var arrow = equation.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow >= 0 ? equation[..arrow] : equation).Split(',');
        if (terms.Length != c.InputCount)
        {
            throw c.Invalid($"equation '{equation}' names {terms.Length} operands but the node has {c.InputCount}");
        }
        var sizes = new Dictionary<char, Dim>();
        var counts = new Dictionary<char, int>();
        var ellipses = new List<Shape>();
        for (var t = 0; t < terms.Length; t++)
        {
            var shape = c.Shape(t);
            var term = terms[t];
            var dots = term.IndexOf("...", StringComparison.Ordinal);
            var letters = term.Replace("...", "", StringComparison.Ordinal);
            var ellipsisRank = shape.Rank - letters.Length;
            if (ellipsisRank < 0 || (dots < 0 && ellipsisRank != 0))
            {
                throw c.Invalid($"operand {t} of shape {shape} does not match '{term}'");
            }
            var axis = 0;
            for (var i = 0; i < term.Length; i++)
            {
                if (term[i] == '.')
                {
                    ellipses.Add(new Shape(shape.Skip(axis).Take(ellipsisRank)));
                    axis += ellipsisRank;
                    i += 2;
                    continue;
                }
                var letter = term[i];
                var d = shape[axis++];
                counts[letter] = counts.GetValueOrDefault(letter) + 1;
                if (!sizes.TryGetValue(letter, out var known) || known.Value == 1 || !known.IsKnown)
                {
                    sizes[letter] = d.IsKnown || !sizes.ContainsKey(letter) ? d : known;
                }
            }
        }
        var broadcast = ellipses.Count == 0 ? Shape.Scalar : Broadcasting.Shapes(ellipses) ?? throw c.Invalid("'...' dimensions do not broadcast");
        var output = arrow >= 0
            ? equation[(arrow + 2)..]
            : "..." + new string([.. counts.Where(kv => kv.Value == 1).Select(kv => kv.Key).Order()]);
        var dims = new List<Dim>();
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] == '.')
            {
                dims.AddRange(broadcast);
                i += 2;
                continue;
            }
            dims.Add(sizes.TryGetValue(output[i], out var d) ? d : throw c.Invalid($"output letter '{output[i]}' is not in any operand"));
        }
        c.SetOutput(0, c.InputType(0), new Shape(dims));
    }
}
