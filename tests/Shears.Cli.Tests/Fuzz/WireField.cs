namespace Shears.Cli.Tests.Fuzz;

/// <summary>
/// One field of a protobuf message as it lies on the wire. A length-delimited field that the ONNX schema says is a
/// message is parsed into <see cref="Message"/>; every other value stays as its number or bytes.
/// </summary>
internal sealed class WireField
{
    public required int Number { get; set; }

    public required WireType Type { get; set; }

    /// <summary>The value of a varint or fixed field.</summary>
    public ulong Value { get; set; }

    /// <summary>The payload of a length-delimited field that is not parsed as a message.</summary>
    public byte[] Bytes { get; set; } = [];

    /// <summary>The parsed payload of a length-delimited field that holds an ONNX message.</summary>
    public WireMessage? Message { get; set; }

    /// <summary>Added to the encoded length of a length-delimited field: a lie about its size.</summary>
    public int LengthSkew { get; set; }

    public string Text
    {
        get => System.Text.Encoding.UTF8.GetString(Bytes);
        set => Bytes = System.Text.Encoding.UTF8.GetBytes(value);
    }

    public static WireField String(int number, string text) => new() { Number = number, Type = WireType.LengthDelimited, Bytes = System.Text.Encoding.UTF8.GetBytes(text) };

    public WireField Clone() => new()
    {
        Number = Number,
        Type = Type,
        Value = Value,
        Bytes = Bytes,
        Message = Message?.Clone(),
        LengthSkew = LengthSkew,
    };
}
