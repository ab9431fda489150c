namespace Shears.Data;

/// <summary>Element types an IDX file can declare; values are the type codes in the third byte of its magic number.</summary>
public enum IdxElementType : byte
{
    /// <summary>Code 0x08: unsigned 8-bit integers (MNIST pixels and labels).</summary>
    UnsignedByte = 0x08,
    /// <summary>Code 0x09: signed 8-bit integers.</summary>
    SignedByte = 0x09,
    /// <summary>Code 0x0B: big-endian signed 16-bit integers.</summary>
    Int16 = 0x0B,
    /// <summary>Code 0x0C: big-endian signed 32-bit integers.</summary>
    Int32 = 0x0C,
    /// <summary>Code 0x0D: big-endian 32-bit floats.</summary>
    Float32 = 0x0D,
    /// <summary>Code 0x0E: big-endian 64-bit floats.</summary>
    Float64 = 0x0E,
}

/// <summary>Facts about IDX element types.</summary>
public static class IdxElementTypes
{
    /// <summary>Bytes per element, or 0 for a code the IDX format does not define.</summary>
    public static int SizeOf(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => 0,
    };

    /// <summary>The type's name for messages ("unsigned byte", "int16", ...), or "unknown type 0xNN" for an undefined code.</summary>
    public static string Name(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => "unsigned byte",
        IdxElementType.SignedByte => "signed byte",
        IdxElementType.Int16 => "int16",
        IdxElementType.Int32 => "int32",
        IdxElementType.Float32 => "float32",
        IdxElementType.Float64 => "float64",
        _ => $"unknown type 0x{(byte)type:X2}",
    };
}
