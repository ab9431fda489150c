namespace Shears.Data;

/// <summary>The element types a NumPy <c>.npy</c> array may hold here (its <c>descr</c> without the byte order).</summary>
public enum NpyDataType
{
    /// <summary><c>b1</c>: one byte, 0 or 1.</summary>
    Bool,

    /// <summary><c>u1</c>.</summary>
    UInt8,

    /// <summary><c>i1</c>.</summary>
    Int8,

    /// <summary><c>u2</c>.</summary>
    UInt16,

    /// <summary><c>i2</c>.</summary>
    Int16,

    /// <summary><c>u4</c>.</summary>
    UInt32,

    /// <summary><c>i4</c>.</summary>
    Int32,

    /// <summary><c>u8</c>.</summary>
    UInt64,

    /// <summary><c>i8</c>.</summary>
    Int64,

    /// <summary><c>f2</c>: IEEE half precision.</summary>
    Float16,

    /// <summary><c>f4</c>.</summary>
    Float32,

    /// <summary><c>f8</c>.</summary>
    Float64,
}
