namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// A protobuf message as a list of wire fields, parsed with the ONNX field numbers so nested messages can be
/// mutated in place and encoded again (lengths recomputed, unless a field is told to lie about its own).
/// </summary>
internal sealed class WireMessage
{
    public WireMessage(OnnxMessageKind kind) => Kind = kind;

    public OnnxMessageKind Kind { get; }

    public List<WireField> Fields { get; } = [];

    /// <summary>Parses well-formed protobuf bytes (a seed model), descending into the messages the schema knows.</summary>
    public static WireMessage Parse(ReadOnlySpan<byte> bytes, OnnxMessageKind kind)
    {
        var message = new WireMessage(kind);
        var position = 0;
        while (position < bytes.Length)
        {
            var tag = ReadVarint(bytes, ref position);
            var field = new WireField { Number = (int)(tag >> 3), Type = (WireType)(tag & 7) };
            switch (field.Type)
            {
                case WireType.Varint:
                    field.Value = ReadVarint(bytes, ref position);
                    break;
                case WireType.Fixed64:
                    field.Value = BitConverter.ToUInt64(bytes.Slice(position, 8));
                    position += 8;
                    break;
                case WireType.Fixed32:
                    field.Value = BitConverter.ToUInt32(bytes.Slice(position, 4));
                    position += 4;
                    break;
                case WireType.LengthDelimited:
                    var length = (int)ReadVarint(bytes, ref position);
                    var payload = bytes.Slice(position, length);
                    position += length;
                    var child = OnnxWireSchema.Child(kind, field.Number);
                    if (child == OnnxMessageKind.Other)
                    {
                        field.Bytes = payload.ToArray();
                    }
                    else
                    {
                        field.Message = Parse(payload, child);
                    }
                    break;
                default:
                    throw new InvalidDataException($"wire type {(int)field.Type} at byte {position} of a seed model");
            }
            message.Fields.Add(field);
        }
        return message;
    }

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        EncodeTo(stream);
        return stream.ToArray();
    }

    public WireMessage Clone()
    {
        var copy = new WireMessage(Kind);
        copy.Fields.AddRange(Fields.Select(f => f.Clone()));
        return copy;
    }

    /// <summary>Every field of this message and of the messages inside it, each with the message that holds it.</summary>
    public IEnumerable<(WireMessage Owner, WireField Field)> Walk()
    {
        foreach (var field in Fields)
        {
            yield return (this, field);
            if (field.Message is { } inner)
            {
                foreach (var pair in inner.Walk())
                {
                    yield return pair;
                }
            }
        }
    }

    /// <summary>Every message of a kind, this one included.</summary>
    public IEnumerable<WireMessage> All(OnnxMessageKind kind) =>
        (Kind == kind ? [this] : Enumerable.Empty<WireMessage>()).Concat(Walk().Select(p => p.Field.Message).OfType<WireMessage>().Where(m => m.Kind == kind));

    public IEnumerable<WireField> FieldsNumbered(int number) => Fields.Where(f => f.Number == number);

    public WireField? First(int number) => Fields.FirstOrDefault(f => f.Number == number);

    private void EncodeTo(Stream stream)
    {
        foreach (var field in Fields)
        {
            WriteVarint(stream, ((ulong)(uint)field.Number << 3) | (ulong)field.Type);
            switch (field.Type)
            {
                case WireType.Varint:
                    WriteVarint(stream, field.Value);
                    break;
                case WireType.Fixed64:
                    stream.Write(BitConverter.GetBytes(field.Value));
                    break;
                case WireType.Fixed32:
                    stream.Write(BitConverter.GetBytes((uint)field.Value));
                    break;
                default:
                    var payload = field.Message?.Encode() ?? field.Bytes;
                    WriteVarint(stream, (ulong)Math.Max(0, payload.Length + field.LengthSkew));
                    stream.Write(payload);
                    break;
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
