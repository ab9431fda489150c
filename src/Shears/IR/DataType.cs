namespace Shears.IR;

/// <summary>Element types of ONNX tensors; numeric values are the ONNX wire codes.</summary>
public enum DataType
{
    /// <summary>No type set; never valid for data.</summary>
    Undefined = 0,
    /// <summary>32-bit IEEE float, the type Shears computes in.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer, the type of shapes, axes and indices in ONNX.</summary>
    Int64 = 7,
    /// <summary>Variable-length byte string.</summary>
    String = 8,
    /// <summary>Boolean stored as one byte.</summary>
    Bool = 9,
    /// <summary>16-bit IEEE half-precision float.</summary>
    Float16 = 10,
    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Complex number of two 32-bit floats.</summary>
    Complex64 = 14,
    /// <summary>Complex number of two 64-bit floats.</summary>
    Complex128 = 15,
    /// <summary>16-bit brain float: float32's exponent with a 7-bit mantissa.</summary>
    BFloat16 = 16,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits, finite values and NaN only.</summary>
    Float8E4M3FN = 17,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits, no negative zero.</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits.</summary>
    Float8E5M2 = 19,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits, finite values and NaN only, no negative zero.</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>Unsigned 4-bit integer, two per byte.</summary>
    UInt4 = 21,
    /// <summary>Signed 4-bit integer, two per byte.</summary>
    Int4 = 22,
    /// <summary>4-bit float, 2 exponent and 1 mantissa bit, two per byte.</summary>
    Float4E2M1 = 23,
}

/// <summary>Facts about element types.</summary>
public static class DataTypes
{
    /// <summary>Bytes per element, or 0 where elements are not whole bytes or have no fixed size.</summary>
    public static int SizeOf(DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 4,
        DataType.Double or DataType.Int64 or DataType.UInt64 or DataType.Complex64 => 8,
        DataType.Complex128 => 16,
        DataType.Float16 or DataType.BFloat16 or DataType.Int16 or DataType.UInt16 => 2,
        DataType.UInt8 or DataType.Int8 or DataType.Bool => 1,
        DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ => 1,
        _ => 0,
    };

    /// <summary>Bytes taken by <paramref name="count"/> elements, counting 4-bit types as half a byte.</summary>
    public static long ByteCount(DataType type, long count) => type switch
    {
        DataType.UInt4 or DataType.Int4 or DataType.Float4E2M1 => (count + 1) / 2,
        _ => count * SizeOf(type),
    };

    /// <summary>Whether the type holds floating-point numbers, of any width (float4 to double).</summary>
    public static bool IsFloatingPoint(DataType type) => type is DataType.Float or DataType.Double
        or DataType.Float16 or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
        or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float4E2M1;

    /// <summary>Whether the type holds integers, signed or unsigned, of any width (4 to 64 bits); bool is not one.</summary>
    public static bool IsInteger(DataType type) => type is DataType.Int8 or DataType.Int16 or DataType.Int32
        or DataType.Int64 or DataType.UInt8 or DataType.UInt16 or DataType.UInt32 or DataType.UInt64
        or DataType.UInt4 or DataType.Int4;

    /// <summary>Lower-case name as ONNX documentation writes it (float, int64, ...).</summary>
    public static string Name(DataType type) => type switch
    {
        DataType.Float => "float",
        DataType.Double => "double",
        DataType.Float16 => "float16",
        DataType.BFloat16 => "bfloat16",
        DataType.Int64 => "int64",
        DataType.Int32 => "int32",
        DataType.Int16 => "int16",
        DataType.Int8 => "int8",
        DataType.UInt64 => "uint64",
        DataType.UInt32 => "uint32",
        DataType.UInt16 => "uint16",
        DataType.UInt8 => "uint8",
        DataType.Bool => "bool",
        DataType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };
}
