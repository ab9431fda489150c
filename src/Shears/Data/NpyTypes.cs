namespace Shears.Data;

/// <summary>NumPy type strings (<c>descr</c>) and the element types they name.</summary>
internal static class NpyTypes
{
    private static readonly Dictionary<string, NpyDataType> Codes = new(StringComparer.Ordinal)
    {
        ["b1"] = NpyDataType.Bool,
        ["?"] = NpyDataType.Bool,
        ["u1"] = NpyDataType.UInt8,
        ["i1"] = NpyDataType.Int8,
        ["u2"] = NpyDataType.UInt16,
        ["i2"] = NpyDataType.Int16,
        ["u4"] = NpyDataType.UInt32,
        ["i4"] = NpyDataType.Int32,
        ["u8"] = NpyDataType.UInt64,
        ["i8"] = NpyDataType.Int64,
        ["f2"] = NpyDataType.Float16,
        ["f4"] = NpyDataType.Float32,
        ["f8"] = NpyDataType.Float64,
    };

    public static string Supported => "b1, u1, i1, u2, i2, u4, i4, u8, i8, f2, f4, f8";

    /// <summary>Parses a descr such as <c>&lt;f4</c>, <c>|u1</c> or <c>&gt;i8</c>.</summary>
    public static bool TryParse(string descr, out NpyDataType type, out bool bigEndian)
    {
        bigEndian = false;
        var code = descr;
        if (code.Length > 1 && code[0] is '<' or '>' or '|' or '=')
        {
            bigEndian = code[0] == '>';
            code = code[1..];
        }
        return Codes.TryGetValue(code, out type);
    }

    public static int SizeOf(NpyDataType type) => type switch
    {
        NpyDataType.Bool or NpyDataType.UInt8 or NpyDataType.Int8 => 1,
        NpyDataType.UInt16 or NpyDataType.Int16 or NpyDataType.Float16 => 2,
        NpyDataType.UInt32 or NpyDataType.Int32 or NpyDataType.Float32 => 4,
        _ => 8,
    };

    public static string Describe(NpyDataType type) => type switch
    {
        NpyDataType.Bool => "bool",
        NpyDataType.Float16 => "float16",
        NpyDataType.Float32 => "float32",
        NpyDataType.Float64 => "float64",
        _ => type.ToString().ToLowerInvariant(),
    };
}
