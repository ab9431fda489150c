using Shears.Numerics;
using static Shears.Cli.Tests.Fuzz.OnnxWireSchema;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Makes broken copies of one seed model: cut short, bytes flipped, wire fields lying about themselves, and
/// ONNX-aware edits (dims, element types, op types, attributes, names, dangling inputs, cycles, raw data sizes).
/// The same generator state gives the same mutation.
/// </summary>
internal sealed class ModelMutator
{
    private static readonly long[] InterestingIntegers =
        [0, 1, -1, 2, 3, 7, -7, 255, 1L << 31, -(1L << 31), 1L << 32, 1L << 40, 1L << 62, long.MaxValue, long.MinValue];

    private static readonly float[] InterestingFloats = [0f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e-30f, 1e-7f];

    private static readonly string[] OpTypes =
        ["Conv", "Gemm", "MatMul", "Relu", "Add", "Mul", "Reshape", "Flatten", "MaxPool", "AveragePool", "GlobalAveragePool",
         "BatchNormalization", "Softmax", "Concat", "Transpose", "Identity", "Clip", "Split", "Constant", "", "NoSuchOp"];

    private readonly byte[] _seed;
    private readonly WireMessage _tree;
    private readonly (string Name, Func<WireMessage, Rng, string?> Edit)[] _edits;

    public ModelMutator(byte[] seed)
    {
        _seed = seed;
        _tree = OnnxEdits.Parse(seed);
        _edits =
        [
            ("varint", AnyVarint),
            ("length", AnyLength),
            ("tag", AnyTag),
            ("tensor dim", TensorDim),
            ("shape dim", ShapeDim),
            ("data type", DataType),
            ("op type", OpType),
            ("attribute", AttributeValue),
            ("empty name", EmptyName),
            ("dangling input", DanglingInput),
            ("cycle", Cycle),
            ("raw data size", RawDataSize),
            ("remove", Remove),
            ("duplicate", Duplicate),
            ("swap inputs", SwapInputs),
        ];
    }

    public FuzzMutation Mutate(Rng rng)
    {
        var roll = rng.NextInt(100);
        if (roll < 12)
        {
            // Short cuts are the common real case (an interrupted download); so are cuts anywhere.
            var length = rng.NextInt(2) == 0 ? rng.NextInt(Math.Min(_seed.Length, 256)) : rng.NextInt(_seed.Length);
            return new FuzzMutation(_seed[..length], $"truncated to {length} of {_seed.Length} bytes");
        }
        if (roll < 22)
        {
            var bytes = (byte[])_seed.Clone();
            var flips = 1 + rng.NextInt(4);
            var where = new List<string>();
            for (var i = 0; i < flips; i++)
            {
                var at = rng.NextInt(bytes.Length);
                var mask = (byte)(rng.NextInt(3) == 0 ? 1 + rng.NextInt(255) : 1 << rng.NextInt(8));
                bytes[at] ^= mask;
                where.Add($"{at}^0x{mask:x2}");
            }
            return new FuzzMutation(bytes, $"bytes flipped at {string.Join(", ", where)}");
        }
        var tree = _tree.Clone();
        var count = roll < 90 ? 1 : 2 + rng.NextInt(2);
        var done = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (name, edit) = _edits[rng.NextInt(_edits.Length)];
            done.Add(edit(tree, rng) is { } what ? $"{name}: {what}" : $"{name}: nothing to change");
        }
        return new FuzzMutation(tree.Encode(), string.Join("; ", done));
    }

    private static T Pick<T>(IReadOnlyList<T> items, Rng rng) => items[rng.NextInt(items.Count)];

    private static long Integer(Rng rng) => rng.NextInt(4) == 0 ? rng.NextInt(4096) - 64 : Pick(InterestingIntegers, rng);

    private static string? AnyVarint(WireMessage tree, Rng rng)
    {
        var fields = tree.Walk().Where(p => p.Field.Type == WireType.Varint).ToList();
        if (fields.Count == 0)
        {
            return null;
        }
        var (owner, field) = Pick(fields, rng);
        var value = rng.NextInt(3) == 0 ? (long)field.Value + (rng.NextInt(2) == 0 ? 1 : -1) : Integer(rng);
        field.Value = (ulong)value;
        return $"{owner.Kind} field {field.Number} = {value}";
    }

    private static string? AnyLength(WireMessage tree, Rng rng)
    {
        var fields = tree.Walk().Where(p => p.Field.Type == WireType.LengthDelimited).ToList();
        if (fields.Count == 0)
        {
            return null;
        }
        var (owner, field) = Pick(fields, rng);
        field.LengthSkew = rng.NextInt(4) == 0 ? 1 << (8 + rng.NextInt(20)) : rng.NextInt(7) - 3;
        return $"{owner.Kind} field {field.Number} length skewed by {field.LengthSkew}";
    }

    private static string? AnyTag(WireMessage tree, Rng rng)
    {
        var fields = tree.Walk().ToList();
        var (owner, field) = Pick(fields, rng);
        var before = $"{field.Number}/{field.Type}";
        if (rng.NextInt(2) == 0)
        {
            field.Number = rng.NextInt(4) == 0 ? rng.NextInt(1 << 20) : 1 + rng.NextInt(21);
        }
        else if (field.Type != WireType.LengthDelimited)
        {
            // A scalar reinterpreted: only the tag changes, so the value's bytes now mean something else.
            field.Type = Pick([WireType.Varint, WireType.Fixed32, WireType.Fixed64], rng);
        }
        else
        {
            field.Message = null;
            field.Bytes = [];
        }
        return $"{owner.Kind} field {before} became {field.Number}/{field.Type}";
    }

    private static string? TensorDim(WireMessage tree, Rng rng)
    {
        var tensors = tree.All(OnnxMessageKind.Tensor).Where(t => t.FieldsNumbered(TensorDims).Any()).ToList();
        if (tensors.Count == 0)
        {
            return null;
        }
        var tensor = Pick(tensors, rng);
        var index = rng.NextInt(tensor.FieldsNumbered(TensorDims).Count() + 1);
        var value = Integer(rng);
        OnnxEdits.SetTensorDim(tensor, index, value);
        return $"tensor '{OnnxEdits.Name(tensor, TensorName)}' dims[{index}] = {value}";
    }

    private static string? ShapeDim(WireMessage tree, Rng rng)
    {
        var infos = OnnxEdits.ValueInfos(tree).Where(v => v.All(OnnxMessageKind.Dimension).Any()).ToList();
        if (infos.Count == 0)
        {
            return null;
        }
        var info = Pick(infos, rng);
        var index = rng.NextInt(info.All(OnnxMessageKind.Dimension).Count());
        if (rng.NextInt(4) == 0)
        {
            var dimension = info.All(OnnxMessageKind.Dimension).ElementAt(index);
            dimension.Fields.RemoveAll(f => f.Number is DimensionValue or DimensionParam);
            dimension.Fields.Add(WireField.String(DimensionParam, rng.NextInt(2) == 0 ? "N" : ""));
            return $"value '{OnnxEdits.Name(info, ValueInfoName)}' dim {index} made symbolic";
        }
        var value = Integer(rng);
        OnnxEdits.SetShapeDim(info, index, value);
        return $"value '{OnnxEdits.Name(info, ValueInfoName)}' dim {index} = {value}";
    }

    private static string? DataType(WireMessage tree, Rng rng)
    {
        var value = rng.NextInt(5) == 0 ? Integer(rng) : rng.NextInt(27);
        if (rng.NextInt(2) == 0)
        {
            var tensors = tree.All(OnnxMessageKind.Tensor).ToList();
            if (tensors.Count == 0)
            {
                return null;
            }
            var tensor = Pick(tensors, rng);
            OnnxEdits.SetVarint(tensor, TensorDataType, value);
            return $"tensor '{OnnxEdits.Name(tensor, TensorName)}' data type = {value}";
        }
        var types = tree.All(OnnxMessageKind.TensorType).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        OnnxEdits.SetVarint(Pick(types, rng), TensorTypeElemType, value);
        return $"a value's element type = {value}";
    }

    private static string? OpType(WireMessage tree, Rng rng)
    {
        var nodes = OnnxEdits.Nodes(tree);
        var node = Pick(nodes, rng);
        var before = OnnxEdits.Name(node, NodeOpType);
        var after = rng.NextInt(2) == 0 ? OnnxEdits.Name(Pick(nodes, rng), NodeOpType) : Pick(OpTypes, rng);
        OnnxEdits.SetString(node, NodeOpType, after);
        return $"{before} node '{OnnxEdits.Name(node, NodeName)}' became '{after}'";
    }

    private static string? AttributeValue(WireMessage tree, Rng rng)
    {
        var attributes = tree.All(OnnxMessageKind.Attribute).ToList();
        if (attributes.Count == 0)
        {
            return null;
        }
        var attribute = Pick(attributes, rng);
        var name = OnnxEdits.Name(attribute, AttributeName);
        switch (rng.NextInt(6))
        {
            case 0 when attribute.FieldsNumbered(AttributeInts).Any():
                var count = attribute.FieldsNumbered(AttributeInts).Count(f => f.Type == WireType.Varint);
                var index = rng.NextInt(Math.Max(1, count) + 1);
                var value = Integer(rng);
                OnnxEdits.SetAttributeInt(attribute, index, value);
                return $"'{name}' ints[{index}] = {value}";
            case 1 when attribute.FieldsNumbered(AttributeFloat).Any():
                var f = Pick(InterestingFloats, rng);
                attribute.First(AttributeFloat)!.Value = BitConverter.SingleToUInt32Bits(f);
                return $"'{name}' f = {f}";
            case 2:
                OnnxEdits.SetVarint(attribute, AttributeType, rng.NextInt(16));
                return $"'{name}' type = {attribute.First(AttributeType)!.Value}";
            case 3:
                OnnxEdits.SetString(attribute, AttributeName, rng.NextInt(2) == 0 ? "" : "bogus");
                return $"'{name}' renamed";
            case 4:
                attribute.Fields.RemoveAll(f => f.Number is AttributeInts or AttributeFloats);
                return $"'{name}' list values removed";
            default:
                var i = Integer(rng);
                OnnxEdits.SetVarint(attribute, AttributeInt, i);
                return $"'{name}' i = {i}";
        }
    }

    private static string? EmptyName(WireMessage tree, Rng rng)
    {
        var candidates = new List<(WireMessage Owner, int Field, string What)>();
        candidates.AddRange(OnnxEdits.Nodes(tree).SelectMany(n => new[] { (n, NodeInput, "node input"), (n, NodeOutput, "node output"), (n, NodeName, "node name") }));
        candidates.AddRange(OnnxEdits.Initializers(tree).Select(t => (t, TensorName, "initializer name")));
        candidates.AddRange(OnnxEdits.ValueInfos(tree).Select(v => (v, ValueInfoName, "value name")));
        var (owner, field, what) = Pick(candidates, rng);
        var fields = owner.FieldsNumbered(field).ToList();
        if (fields.Count == 0)
        {
            return null;
        }
        var target = Pick(fields, rng);
        var before = target.Text;
        target.Text = "";
        return $"{what} '{before}' emptied";
    }

    private static string? DanglingInput(WireMessage tree, Rng rng)
    {
        var node = Pick(OnnxEdits.Nodes(tree), rng);
        var inputs = node.FieldsNumbered(NodeInput).ToList();
        if (inputs.Count == 0)
        {
            return null;
        }
        var input = Pick(inputs, rng);
        var before = input.Text;
        input.Text = "ghost";
        return $"node '{OnnxEdits.Name(node, NodeName)}' input '{before}' now reads 'ghost'";
    }

    private static string? Cycle(WireMessage tree, Rng rng)
    {
        var nodes = OnnxEdits.Nodes(tree);
        var reader = rng.NextInt(nodes.Count);
        var producer = reader + rng.NextInt(nodes.Count - reader);
        if (!nodes[reader].FieldsNumbered(NodeInput).Any() || !nodes[producer].FieldsNumbered(NodeOutput).Any())
        {
            return null;
        }
        OnnxEdits.ReadOutputOf(nodes[reader], 0, nodes[producer]);
        return $"node {reader} reads the output of node {producer}";
    }

    private static string? RawDataSize(WireMessage tree, Rng rng)
    {
        var tensors = tree.All(OnnxMessageKind.Tensor).Where(t => t.First(TensorRawData) is not null).ToList();
        if (tensors.Count == 0)
        {
            return null;
        }
        var tensor = Pick(tensors, rng);
        var length = tensor.First(TensorRawData)!.Bytes.Length;
        var resized = Pick([0, 1, length - 1, length + 1, length / 2, length + 4, length * 2], rng);
        OnnxEdits.ResizeRawData(tensor, resized);
        return $"tensor '{OnnxEdits.Name(tensor, TensorName)}' raw data {length} -> {resized} bytes";
    }

    private static string? Remove(WireMessage tree, Rng rng)
    {
        var (owner, field) = PickStructural(tree, rng);
        owner.Fields.Remove(field);
        return $"removed {owner.Kind} field {field.Number}";
    }

    private static string? Duplicate(WireMessage tree, Rng rng)
    {
        var (owner, field) = PickStructural(tree, rng);
        owner.Fields.Insert(owner.Fields.IndexOf(field) + 1, field.Clone());
        return $"duplicated {owner.Kind} field {field.Number}";
    }

    private static string? SwapInputs(WireMessage tree, Rng rng)
    {
        var nodes = OnnxEdits.Nodes(tree).Where(n => n.FieldsNumbered(NodeInput).Count() >= 2).ToList();
        if (nodes.Count == 0)
        {
            return null;
        }
        var node = Pick(nodes, rng);
        var inputs = node.FieldsNumbered(NodeInput).ToList();
        var (a, b) = (inputs[0], inputs[1 + rng.NextInt(inputs.Count - 1)]);
        (a.Bytes, b.Bytes) = (b.Bytes, a.Bytes);
        return $"node '{OnnxEdits.Name(node, NodeName)}' inputs '{b.Text}' and '{a.Text}' swapped";
    }

    // A node, initializer, graph input or output, attribute, opset import, or a node's input or output name.
    private static (WireMessage Owner, WireField Field) PickStructural(WireMessage tree, Rng rng)
    {
        var graph = OnnxEdits.Graph(tree);
        var choices = tree.Walk().Where(p =>
            (p.Owner == graph && p.Field.Number is GraphNode or GraphInitializer or GraphInput or GraphOutput)
            || (p.Owner.Kind == OnnxMessageKind.Model && p.Field.Number == ModelOpsetImport)
            || (p.Owner.Kind == OnnxMessageKind.Node && p.Field.Number is NodeAttribute or NodeInput or NodeOutput)
            || p.Owner.Kind == OnnxMessageKind.Dimension).ToList();
        return Pick(choices, rng);
    }
}
