using System.Runtime.InteropServices;
using Shears.IR;

namespace Shears.OnnxRuntime;

/// <summary>
/// Deterministic random values for a model's runtime inputs: floats uniform in [-1, 1), integers in
/// a range (token ids within the embedding table), booleans 0 or 1; symbolic dimensions bound by the options.
/// </summary>
public static class RandomInputs
{
    /// <summary>One tensor per runtime input of the model (graph inputs that are not initializers), named after it.</summary>
    /// <exception cref="ShearsException">An input has unknown rank or an element type that cannot be generated.</exception>
    public static IReadOnlyList<Tensor> For(Model model, RandomInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(model.Graph.RuntimeInputs, options ?? RandomInputOptions.Default, IndexRanges.Infer(model.Graph));
    }

    /// <summary>One tensor per input the session expects, named after it.</summary>
    public static IReadOnlyList<Tensor> For(OnnxRuntimeSession session, RandomInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return For(session.Inputs, options);
    }

    /// <summary>One tensor per described input, named after it.</summary>
    public static IReadOnlyList<Tensor> For(IEnumerable<ValueInfo> inputs, RandomInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Create(inputs, options ?? RandomInputOptions.Default, []);
    }

    /// <summary>The concrete shape an input gets: known sizes kept, symbols bound, the rest set to the default.</summary>
    public static long[] ResolveShape(ValueInfo input, RandomInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= RandomInputOptions.Default;
        if (input.Shape is null)
        {
            throw new ShearsException($"input '{input.Name}' has unknown rank; give it a shape to generate a value");
        }
        return [.. input.Shape.Select(d =>
            d.Value ?? (d.Symbol is { } s && options.DimBindings.TryGetValue(s, out var bound) ? bound : options.DefaultDimValue))];
    }

    private static List<Tensor> Create(IEnumerable<ValueInfo> inputs, RandomInputOptions options, Dictionary<string, IntegerRange> impliedRanges)
    {
        var random = new SplitMix64(options.Seed);
        var tensors = new List<Tensor>();
        foreach (var input in inputs)
        {
            var dims = ResolveShape(input, options);
            var count = checked((int)dims.Aggregate(1L, (n, d) => checked(n * d)));
            var range = options.IntegerRanges.TryGetValue(input.Name, out var r) ? r
                : impliedRanges.TryGetValue(input.Name, out var implied) ? implied
                : options.DefaultIntegerRange;
            tensors.Add(Tensor.FromBytes(input.Name, input.ElementType, dims, Values(input, count, range, random)));
        }
        return tensors;
    }

    private static byte[] Values(ValueInfo input, int count, IntegerRange range, SplitMix64 random) => input.ElementType switch
    {
        DataType.Float => Fill(count, () => (float)random.NextSignedUnit()),
        DataType.Double => Fill(count, random.NextSignedUnit),
        DataType.Float16 => Fill(count, () => (Half)random.NextSignedUnit()),
        DataType.Int64 => Fill(count, () => random.Next(range)),
        DataType.Int32 => Fill(count, () => (int)random.Next(range)),
        DataType.Int16 => Fill(count, () => (short)random.Next(range)),
        DataType.Int8 => Fill(count, () => (sbyte)random.Next(range)),
        DataType.UInt64 => Fill(count, () => (ulong)random.Next(range)),
        DataType.UInt32 => Fill(count, () => (uint)random.Next(range)),
        DataType.UInt16 => Fill(count, () => (ushort)random.Next(range)),
        DataType.UInt8 => Fill(count, () => (byte)random.Next(range)),
        DataType.Bool => Fill(count, () => (byte)(random.NextBits() >> 63)),
        _ => throw new ShearsException($"input '{input.Name}' is {DataTypes.Name(input.ElementType)}; random values of that type are not supported"),
    };

    private static byte[] Fill<T>(int count, Func<T> next)
        where T : unmanaged
    {
        var values = new T[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = next();
        }
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
