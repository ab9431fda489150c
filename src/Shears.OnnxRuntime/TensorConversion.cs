using Microsoft.ML.OnnxRuntime;
using Shears.IR;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace Shears.OnnxRuntime;

/// <summary>Copies tensors between the Shears IR and ONNX Runtime's native values.</summary>
internal static class TensorConversion
{
    /// <summary>A native copy of <paramref name="tensor"/>; the caller disposes it.</summary>
    public static OrtValue ToOrtValue(Tensor tensor)
    {
        var dims = tensor.Dims.ToArray();
        if (tensor.ElementType == DataType.String)
        {
            var strings = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, dims);
            for (var i = 0; i < tensor.Strings.Length; i++)
            {
                strings.StringTensorSetElementAt(tensor.Strings[i].AsSpan(), i);
            }
            return strings;
        }
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)tensor.ElementType, dims);
        try
        {
            tensor.Bytes.Span.CopyTo(value.GetTensorMutableRawData());
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>A managed copy of a native tensor value, named <paramref name="name"/>.</summary>
    public static Tensor ToTensor(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new ShearsException($"output '{name}' is a {value.OnnxType}, not a tensor; only tensor outputs are supported");
        }
        var info = value.GetTensorTypeAndShape();
        var type = (DataType)(int)info.ElementDataType;
        if (info.IsString)
        {
            var strings = new byte[info.ElementCount][];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = value.GetStringElementAsSpan(i).ToArray();
            }
            return Tensor.FromStrings(name, info.Shape, strings);
        }
        return Tensor.FromBytes(name, type, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    /// <summary>The IR description of a session input or output.</summary>
    public static ValueInfo ToValueInfo(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return new ValueInfo(name, DataType.Undefined, null);
        }
        var dims = new Dim[metadata.Dimensions.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            var symbol = i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] : "";
            dims[i] = metadata.Dimensions[i] >= 0 ? Dim.Of(metadata.Dimensions[i])
                : symbol.Length > 0 ? Dim.Named(symbol)
                : Dim.Unknown;
        }
        return new ValueInfo(name, (DataType)(int)metadata.ElementDataType, new Shape(dims));
    }
}
