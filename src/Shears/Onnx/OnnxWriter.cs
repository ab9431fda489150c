using Google.Protobuf;
using Shears.IO;
using Shears.IR;
using Shears.Onnx.Schema;

namespace Shears.Onnx;

/// <summary>
/// Writes the graph IR as an ONNX model file. Tensor data is raw little-endian bytes, inline, or in
/// an external data file beside the model when the model was read that way or is too large for one
/// protobuf file.
/// </summary>
public static class OnnxWriter
{
    /// <summary>Tensors this large or larger go to the external data file (the threshold onnx.save uses).</summary>
    public const int ExternalDataThreshold = 1024;

    // A protobuf message cannot exceed 2 GiB; tensors near that size leave no room for the graph.
    private const long InlineLimit = 2_000_000_000;

    /// <summary>
    /// Writes atomically: each file goes to a temporary file beside <paramref name="path"/> which then
    /// replaces it, so a failure never leaves a partial file. With external data, the data file is
    /// <paramref name="path"/> + ".data" and is complete before the model that names it appears.
    /// </summary>
    /// <exception cref="ShearsException">The data file would replace one the model was read from, or a file cannot be written.</exception>
    public static void Write(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        if (!NeedsExternalData(model))
        {
            var proto = ToProto(model);
            AtomicFile.Write(path, stream => proto.WriteTo(stream));
            return;
        }
        var dataPath = Path.GetFullPath(path) + ".data";
        if (model.ExternalDataFiles.Contains(dataPath, StringComparer.Ordinal))
        {
            throw new ShearsException($"{path}: its data file {Path.GetFileName(dataPath)} is the one the model was read from; write the model under another name");
        }
        ModelProto? written = null;
        AtomicFile.Write(dataPath, stream => written = ToProto(model, new ExternalDataSink(stream, Path.GetFileName(dataPath))));
        AtomicFile.Write(path, stream => written!.WriteTo(stream));
    }

    /// <summary>The model as one self-contained protobuf (all tensors inline), for in-memory sessions.</summary>
    public static byte[] ToBytes(Model model) => ToProto(model).ToByteArray();

    /// <summary>True when <see cref="Write"/> puts tensors in a data file: the model was read so, or is too large inline.</summary>
    public static bool NeedsExternalData(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ExternalDataFiles.Count > 0 || StoredBytes(model.Graph) > InlineLimit;
    }

    private static long StoredBytes(Graph graph) =>
        graph.Initializers.Values.Sum(t => t.ByteCount)
        + graph.Nodes.SelectMany(n => n.Attributes).Sum(a => (a.Tensor?.ByteCount ?? 0) + a.Tensors.Sum(t => t.ByteCount));

    internal static ModelProto ToProto(Model model, ExternalDataSink? sink = null)
    {
        var proto = model.Extras is null ? new ModelProto() : ModelProto.Parser.ParseFrom(model.Extras);
        proto.IrVersion = model.IrVersion;
        SetIfAny(model.ProducerName, v => proto.ProducerName = v);
        SetIfAny(model.ProducerVersion, v => proto.ProducerVersion = v);
        SetIfAny(model.Domain, v => proto.Domain = v);
        if (model.ModelVersion != 0)
        {
            proto.ModelVersion = model.ModelVersion;
        }
        SetIfAny(model.DocString, v => proto.DocString = v);
        foreach (var (domain, version) in model.Opsets)
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }
        foreach (var (key, value) in model.Metadata)
        {
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        proto.Graph = WriteGraph(model.Graph, sink);
        var size = proto.CalculateSize();
        if (size < 0)
        {
            throw new ShearsException("model is larger than 2 GiB, the most an ONNX protobuf file can hold");
        }
        return proto;
    }

    private static void SetIfAny(string value, Action<string> set)
    {
        if (value.Length > 0)
        {
            set(value);
        }
    }

    private static GraphProto WriteGraph(Graph graph, ExternalDataSink? sink)
    {
        var proto = graph.Extras is null ? new GraphProto() : GraphProto.Parser.ParseFrom(graph.Extras);
        SetIfAny(graph.Name, v => proto.Name = v);
        proto.Node.AddRange(graph.Nodes.Select(n => WriteNode(n, sink)));
        proto.Initializer.AddRange(graph.Initializers.Values.Select(t => WriteTensor(t, sink)));
        proto.Input.AddRange(graph.Inputs.Select(WriteValueInfo));
        proto.Output.AddRange(graph.Outputs.Select(WriteValueInfo));
        proto.ValueInfo.AddRange(graph.ValueInfos.Select(WriteValueInfo));
        return proto;
    }

    private static NodeProto WriteNode(Node node, ExternalDataSink? sink)
    {
        var proto = node.Extras is null ? new NodeProto() : NodeProto.Parser.ParseFrom(node.Extras);
        proto.Input.AddRange(node.Inputs);
        proto.Output.AddRange(node.Outputs);
        SetIfAny(node.Name, v => proto.Name = v);
        proto.OpType = node.OpType;
        SetIfAny(node.Domain, v => proto.Domain = v);
        proto.Attribute.AddRange(node.Attributes.Select(a => WriteAttribute(a, sink)));
        return proto;
    }

    private static AttributeProto WriteAttribute(IR.NodeAttribute attribute, ExternalDataSink? sink)
    {
        if (attribute.Opaque is not null)
        {
            var opaque = AttributeProto.Parser.ParseFrom(attribute.Opaque);
            opaque.Name = attribute.Name;
            return opaque;
        }
        var proto = attribute.Extras is null ? new AttributeProto() : AttributeProto.Parser.ParseFrom(attribute.Extras);
        proto.Name = attribute.Name;
        proto.Type = (AttributeProto.Types.AttributeType)(int)attribute.Kind;
        switch (attribute.Kind)
        {
            case AttributeKind.Float:
                proto.F = attribute.Float;
                break;
            case AttributeKind.Int:
                proto.I = attribute.Int;
                break;
            case AttributeKind.String:
                proto.S = ByteString.CopyFrom(attribute.Bytes);
                break;
            case AttributeKind.Tensor:
                proto.T = attribute.Tensor is null ? null : WriteTensor(attribute.Tensor, sink);
                break;
            case AttributeKind.Floats:
                proto.Floats.AddRange(attribute.Floats);
                break;
            case AttributeKind.Ints:
                proto.Ints.AddRange(attribute.Ints);
                break;
            case AttributeKind.Strings:
                proto.Strings.AddRange(attribute.StringList.Select(ByteString.CopyFrom));
                break;
            case AttributeKind.Tensors:
                proto.Tensors.AddRange(attribute.Tensors.Select(t => WriteTensor(t, sink)));
                break;
            default:
                throw new InvalidOperationException($"attribute '{attribute.Name}' of kind {attribute.Kind} has no value to write");
        }
        return proto;
    }

    internal static ValueInfoProto WriteValueInfo(ValueInfo value)
    {
        var proto = value.Extras is null ? new ValueInfoProto() : ValueInfoProto.Parser.ParseFrom(value.Extras);
        proto.Name = value.Name;
        if (value.ElementType == DataType.Undefined && value.Extras is not null)
        {
            return proto; // a non-tensor type, kept as read
        }
        proto.Type ??= new TypeProto();
        var tensorType = proto.Type.TensorType ??= new TypeProto.Types.Tensor();
        tensorType.ElemType = (int)value.ElementType;
        if (value.Shape is null)
        {
            tensorType.Shape = null;
            return proto;
        }
        var old = tensorType.Shape;
        var shape = new TensorShapeProto();
        for (var i = 0; i < value.Shape.Rank; i++)
        {
            var dim = new TensorShapeProto.Types.Dimension();
            var d = value.Shape[i];
            if (d.Value is { } v)
            {
                dim.DimValue = v;
            }
            else if (d.Symbol is { } s)
            {
                dim.DimParam = s;
            }
            if (old is not null && old.Dim.Count == value.Shape.Rank && old.Dim[i].HasDenotation)
            {
                dim.Denotation = old.Dim[i].Denotation;
            }
            shape.Dim.Add(dim);
        }
        tensorType.Shape = shape;
        return proto;
    }

    internal static TensorProto WriteTensor(Tensor tensor, ExternalDataSink? sink = null)
    {
        var proto = tensor.Extras is null ? new TensorProto() : TensorProto.Parser.ParseFrom(tensor.Extras);
        proto.Dims.AddRange(tensor.Dims);
        proto.DataType = (int)tensor.ElementType;
        proto.Name = tensor.Name;
        if (tensor.ElementType == DataType.String)
        {
            proto.StringData.AddRange(tensor.Strings.Select(ByteString.CopyFrom));
        }
        else if (sink is not null && tensor.ByteCount >= ExternalDataThreshold)
        {
            sink.Store(proto, tensor.Bytes.Span);
        }
        else
        {
            proto.RawData = UnsafeByteOperations.UnsafeWrap(tensor.Bytes);
        }
        return proto;
    }
}
