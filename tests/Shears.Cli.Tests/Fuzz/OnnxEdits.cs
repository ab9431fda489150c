using static Shears.Cli.Tests.Fuzz.OnnxWireSchema;

namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// Deterministic edits of a model's wire tree, named by what they break: the fuzzer picks their arguments at
/// random, and each regression test names them outright.
/// </summary>
internal static class OnnxEdits
{
    public static WireMessage Graph(WireMessage model) => model.First(ModelGraph)!.Message!;

    public static List<WireMessage> Nodes(WireMessage model) => Children(Graph(model), GraphNode);

    public static List<WireMessage> Initializers(WireMessage model) => Children(Graph(model), GraphInitializer);

    /// <summary>Graph inputs, outputs and value infos.</summary>
    public static List<WireMessage> ValueInfos(WireMessage model) =>
        [.. Children(Graph(model), GraphInput), .. Children(Graph(model), GraphOutput), .. Children(Graph(model), GraphValueInfo)];

    public static WireMessage Node(WireMessage model, string opType, int occurrence = 0) =>
        Nodes(model).Where(n => n.First(NodeOpType)?.Text == opType).ElementAt(occurrence);

    public static WireMessage Initializer(WireMessage model, string name) =>
        Initializers(model).Single(t => t.First(TensorName)?.Text == name);

    public static WireMessage Attribute(WireMessage node, string name) =>
        Children(node, NodeAttribute).Single(a => a.First(AttributeName)?.Text == name);

    public static string Name(WireMessage message, int nameField) => message.First(nameField)?.Text ?? "";

    /// <summary>Sets or adds a varint field; negative numbers are written as ten-byte two's complement, as protobuf does.</summary>
    public static void SetVarint(WireMessage message, int number, long value, int occurrence = 0)
    {
        var field = message.FieldsNumbered(number).ElementAtOrDefault(occurrence);
        if (field is null)
        {
            message.Fields.Add(new WireField { Number = number, Type = WireType.Varint, Value = (ulong)value });
        }
        else
        {
            field.Type = WireType.Varint;
            field.Value = (ulong)value;
        }
    }

    public static void SetString(WireMessage message, int number, string text, int occurrence = 0)
    {
        var field = message.FieldsNumbered(number).ElementAtOrDefault(occurrence);
        if (field is null)
        {
            message.Fields.Add(WireField.String(number, text));
        }
        else
        {
            field.Text = text;
        }
    }

    /// <summary>Sets dims[<paramref name="index"/>] of a tensor.</summary>
    public static void SetTensorDim(WireMessage tensor, int index, long value) => SetVarint(tensor, TensorDims, value, index);

    /// <summary>Sets a fixed dimension of a graph input, output or value info.</summary>
    public static void SetShapeDim(WireMessage valueInfo, int index, long value)
    {
        var dimension = valueInfo.All(OnnxMessageKind.Dimension).ElementAt(index);
        dimension.Fields.RemoveAll(f => f.Number is DimensionValue or DimensionParam);
        SetVarint(dimension, DimensionValue, value);
    }

    /// <summary>Replaces a tensor's raw data with its first <paramref name="length"/> bytes (or pads it with zeros).</summary>
    public static void ResizeRawData(WireMessage tensor, int length)
    {
        var raw = tensor.First(TensorRawData)!;
        var bytes = new byte[Math.Max(0, length)];
        raw.Bytes.AsSpan(0, Math.Min(raw.Bytes.Length, bytes.Length)).CopyTo(bytes);
        raw.Bytes = bytes;
    }

    /// <summary>Sets element <paramref name="index"/> of an ints attribute, unpacking it when it was packed.</summary>
    public static void SetAttributeInt(WireMessage attribute, int index, long value)
    {
        UnpackInts(attribute);
        SetVarint(attribute, AttributeInts, value, index);
    }

    /// <summary>Makes a node read the first output of another node: a cycle when that node runs after it.</summary>
    public static void ReadOutputOf(WireMessage reader, int inputIndex, WireMessage producer) =>
        SetString(reader, NodeInput, producer.First(NodeOutput)!.Text, inputIndex);

    public static byte[] Encode(WireMessage model) => model.Encode();

    public static WireMessage Parse(byte[] bytes) => WireMessage.Parse(bytes, OnnxMessageKind.Model);

    /// <summary>The messages held in one repeated field of <paramref name="owner"/>.</summary>
    public static List<WireMessage> Children(WireMessage owner, int number) =>
        [.. owner.FieldsNumbered(number).Select(f => f.Message).OfType<WireMessage>()];

    // Packed ints arrive as one length-delimited field; split them into one varint field each so single values can be set.
    private static void UnpackInts(WireMessage attribute)
    {
        var packed = attribute.FieldsNumbered(AttributeInts).Where(f => f.Type == WireType.LengthDelimited).ToList();
        foreach (var field in packed)
        {
            var at = attribute.Fields.IndexOf(field);
            attribute.Fields.RemoveAt(at);
            var position = 0;
            var values = new List<WireField>();
            while (position < field.Bytes.Length)
            {
                ulong value = 0;
                for (var shift = 0; ; shift += 7)
                {
                    var b = field.Bytes[position++];
                    value |= (ulong)(b & 0x7F) << shift;
                    if (b < 0x80)
                    {
                        break;
                    }
                }
                values.Add(new WireField { Number = AttributeInts, Type = WireType.Varint, Value = value });
            }
            attribute.Fields.InsertRange(at, values);
        }
    }
}
