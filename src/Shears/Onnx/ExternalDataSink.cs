using System.Globalization;
using Shears.Onnx.Schema;

namespace Shears.Onnx;

/// <summary>Appends tensor bytes to an external data file and points each tensor at its range (location, offset, length).</summary>
internal sealed class ExternalDataSink(Stream stream, string location)
{
    private long _offset;

    public void Store(TensorProto proto, ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        proto.DataLocation = TensorProto.Types.DataLocation.External;
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = _offset.ToString(CultureInfo.InvariantCulture) });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(CultureInfo.InvariantCulture) });
        _offset += bytes.Length;
    }
}
