namespace Shears.IR;

/// <summary>Element types of ONNX tensors; numeric values are the ONNX wire codes.</summary>
public enum DataType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
    Float8E4M3FN = 17,
    Float8E4M3FNUZ = 18,
    Float8E5M2 = 19,
    Float8E5M2FNUZ = 20,
    UInt4 = 21,
    Int4 = 22,
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

    public static bool IsFloatingPoint(DataType type) => type is DataType.Float or DataType.Double
        or DataType.Float16 or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
        or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float4E2M1;

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
