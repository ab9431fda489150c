using System.Collections.Immutable;

namespace Shears.Data;

/// <summary>The contents of an IDX file: element type, dimensions and element bytes (big-endian, as stored).</summary>
public sealed class IdxArray
{
    internal IdxArray(string source, IdxElementType elementType, ImmutableArray<int> dimensions, byte[] data)
    {
        Source = source;
        ElementType = elementType;
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>Where the array was read from, for messages.</summary>
    public string Source { get; }

    /// <summary>The element type the header declares.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The size of each dimension, outermost first (for MNIST images: count, height, width).</summary>
    public ImmutableArray<int> Dimensions { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dimensions.Length;

    /// <summary>Element bytes in file order; multi-byte elements are big-endian.</summary>
    public byte[] Data { get; }

    /// <summary>Number of elements: the product of <see cref="Dimensions"/>.</summary>
    public long ElementCount => IdxReader.Product(Dimensions);

    /// <summary>The element bytes, after checking the array holds unsigned bytes.</summary>
    /// <param name="role">What the array is for ("images", "labels"), for the message.</param>
    public byte[] RequireUnsignedBytes(string role)
    {
        if (ElementType != IdxElementType.UnsignedByte)
        {
            throw new ShearsException($"{Source}: {role} must hold unsigned bytes (IDX type 0x08) but hold {IdxElementTypes.Name(ElementType)} (0x{(byte)ElementType:X2})");
        }
        return Data;
    }

    /// <summary>Checks the number of dimensions is one of <paramref name="allowed"/>.</summary>
    public void RequireRank(string role, params int[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (!allowed.Contains(Rank))
        {
            throw new ShearsException($"{Source}: {role} must have {string.Join(" or ", allowed)} dimension(s) but have {Rank} [{string.Join("×", Dimensions)}]");
        }
    }
}
