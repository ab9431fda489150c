using System.Text;
using Google.Protobuf;

namespace Shears.Interop.Tests.Infrastructure;

/// <summary>
/// Reads protobuf messages field by field, without a schema, so tests can see fields that
/// Shears' own ONNX schema leaves out.
/// </summary>
internal static class ProtoWire
{
    /// <summary>One field occurrence: number, wire type and its payload (for length-delimited fields, the content).</summary>
    public sealed record Field(int Number, WireFormat.WireType WireType, byte[] Payload)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
    }

    public static List<Field> Fields(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<Field>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var type = WireFormat.GetTagWireType(tag);
            var payload = type switch
            {
                WireFormat.WireType.LengthDelimited => input.ReadBytes().ToByteArray(),
                WireFormat.WireType.Varint => BitConverter.GetBytes(input.ReadUInt64()),
                WireFormat.WireType.Fixed32 => BitConverter.GetBytes(input.ReadFixed32()),
                WireFormat.WireType.Fixed64 => BitConverter.GetBytes(input.ReadFixed64()),
                _ => throw new InvalidDataException($"unexpected wire type {type}"),
            };
            fields.Add(new Field(WireFormat.GetTagFieldNumber(tag), type, payload));
        }
        return fields;
    }

    /// <summary>The payloads of every occurrence of a field, as hex so assertions print them readably.</summary>
    public static List<string> Payloads(byte[] message, int number) =>
        [.. Fields(message).Where(f => f.Number == number).Select(f => Convert.ToHexString(f.Payload))];

    /// <summary>The payload of a field that occurs once.</summary>
    public static byte[] Single(byte[] message, int number) => Fields(message).Single(f => f.Number == number).Payload;

    /// <summary>The byte offset just past each top-level field: where a cut leaves a well-formed prefix.</summary>
    public static List<int> FieldEnds(byte[] message)
    {
        var input = new CodedInputStream(message);
        var ends = new List<int>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            input.SkipLastField();
            ends.Add((int)input.Position);
        }
        return ends;
    }
}
