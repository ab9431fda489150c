using System.Runtime.InteropServices;
using Google.Protobuf;
using Shears.IR;
using Shears.Onnx.Schema;

namespace Shears.Onnx;

/// <summary>Reads ONNX model files into the graph IR.</summary>
public static class OnnxReader
{
    /// <summary>Reads a model file, including weights kept in external data files beside it.</summary>
    /// <exception cref="InvalidModelException">The file is missing, unreadable, truncated, corrupt or not ONNX.</exception>
    public static Model Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InvalidModelException($"{path}: is a directory, not an ONNX model file");
        }
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"{path}: file not found");
        }
        ModelProto proto;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (stream.Length == 0)
            {
                throw new InvalidModelException($"{path}: file is empty, not an ONNX model");
            }
            proto = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidModelException($"{path}: not a valid ONNX model (truncated or corrupt protobuf: {Describe(e)})", e);
        }
        catch (IOException e)
        {
            throw new InvalidModelException($"{path}: cannot read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidModelException($"{path}: cannot read: {e.Message}", e);
        }
        return Convert(proto, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Reads a model from bytes; external data is resolved against <paramref name="baseDirectory"/>.</summary>
    public static Model Read(ReadOnlySpan<byte> bytes, string baseDirectory = ".", string sourceName = "model")
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidModelException($"{sourceName}: not a valid ONNX model (truncated or corrupt protobuf: {Describe(e)})", e);
        }
        return Convert(proto, sourceName, baseDirectory);
    }

    private static string Describe(InvalidProtocolBufferException e) =>
        e.Message.Split('\n')[0].TrimEnd('.');

    private static Model Convert(ModelProto proto, string source, string baseDirectory)
    {
        if (!proto.HasIrVersion || proto.IrVersion <= 0 || proto.Graph is null)
        {
            throw new InvalidModelException($"{source}: not an ONNX model (no IR version or no graph)");
        }
        // IR version 3 made operator set imports mandatory; a file without them is cut short or broken.
        if (proto.OpsetImport.Count == 0 && proto.IrVersion >= 3)
        {
            throw new InvalidModelException($"{source}: not a valid ONNX model (IR version {proto.IrVersion} but no operator set imports; truncated?)");
        }
        var context = new ReadContext(source, baseDirectory);
        Graph graph;
        try
        {
            graph = ReadGraph(proto.Graph, context);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidModelException($"{source}: {e.Message}", e);
        }
        var model = new Model(graph)
        {
            IrVersion = proto.IrVersion,
            ProducerName = proto.ProducerName,
            ProducerVersion = proto.ProducerVersion,
            Domain = proto.Domain,
            ModelVersion = proto.ModelVersion,
            DocString = proto.DocString,
        };
        model.Opsets.Clear();
        foreach (var opset in proto.OpsetImport)
        {
            model.Opsets[opset.Domain] = opset.Version;
        }
        if (model.Opsets.Count == 0)
        {
            // IR version 1 models had no operator set imports; opset 1 is what they meant.
            model.Opsets[""] = 1;
        }
        model.Metadata.AddRange(proto.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

        var rest = proto.Clone();
        rest.ClearIrVersion();
        rest.ClearProducerName();
        rest.ClearProducerVersion();
        rest.ClearDomain();
        rest.ClearModelVersion();
        rest.ClearDocString();
        rest.Graph = null;
        rest.OpsetImport.Clear();
        rest.MetadataProps.Clear();
        model.Extras = NonEmpty(rest);
        model.ExternalDataFiles = [.. context.ExternalFiles];
        return model;
    }

    private static Graph ReadGraph(GraphProto proto, ReadContext context)
    {
        var graph = new Graph { Name = proto.Name };
        foreach (var tensor in proto.Initializer)
        {
            var t = ReadTensor(tensor, context);
            if (!graph.Initializers.TryAdd(t.Name, t))
            {
                throw new InvalidDataException($"initializer '{t.Name}' is defined twice");
            }
        }
        graph.Inputs.AddRange(proto.Input.Select(ReadValueInfo));
        graph.Outputs.AddRange(proto.Output.Select(ReadValueInfo));
        graph.ValueInfos.AddRange(proto.ValueInfo.Select(ReadValueInfo));
        foreach (var node in proto.Node)
        {
            graph.Nodes.Add(ReadNode(node, context));
        }

        var rest = proto.Clone();
        rest.Node.Clear();
        rest.ClearName();
        rest.Initializer.Clear();
        rest.Input.Clear();
        rest.Output.Clear();
        rest.ValueInfo.Clear();
        graph.Extras = NonEmpty(rest);
        GraphStructure.Check(graph);
        graph.SortTopologically();
        return graph;
    }

    private static Node ReadNode(NodeProto proto, ReadContext context)
    {
        var node = new Node(proto.OpType, proto.Input, proto.Output, proto.Name, proto.Domain);
        foreach (var attribute in proto.Attribute)
        {
            node.Attributes.Add(ReadAttribute(attribute, context));
        }
        var rest = proto.Clone();
        rest.Input.Clear();
        rest.Output.Clear();
        rest.ClearName();
        rest.ClearOpType();
        rest.ClearDomain();
        rest.Attribute.Clear();
        node.Extras = NonEmpty(rest);
        return node;
    }

    private static IR.NodeAttribute ReadAttribute(AttributeProto proto, ReadContext context)
    {
        var kind = proto.HasType ? (AttributeKind)(int)proto.Type : GuessKind(proto);
        var modelled = kind is AttributeKind.Float or AttributeKind.Int or AttributeKind.String or AttributeKind.Tensor
            or AttributeKind.Floats or AttributeKind.Ints or AttributeKind.Strings or AttributeKind.Tensors;
        if (!modelled || proto.HasRefAttrName)
        {
            return new IR.NodeAttribute { Name = proto.Name, Kind = kind, Opaque = proto.ToByteArray() };
        }
        var rest = proto.Clone();
        rest.ClearName();
        rest.ClearType();
        rest.ClearF();
        rest.ClearI();
        rest.ClearS();
        rest.T = null;
        rest.Floats.Clear();
        rest.Ints.Clear();
        rest.Strings.Clear();
        rest.Tensors.Clear();
        return new IR.NodeAttribute
        {
            Name = proto.Name,
            Kind = kind,
            Float = proto.F,
            Int = proto.I,
            Bytes = proto.S.ToByteArray(),
            Tensor = proto.T is null ? null : ReadTensor(proto.T, context),
            Floats = [.. proto.Floats],
            Ints = [.. proto.Ints],
            StringList = [.. proto.Strings.Select(s => s.ToByteArray())],
            Tensors = [.. proto.Tensors.Select(t => ReadTensor(t, context))],
            Extras = NonEmpty(rest),
        };
    }

    // IR version 1 attributes carried no type; the field that is set tells it.
    private static AttributeKind GuessKind(AttributeProto proto) =>
        proto.HasF ? AttributeKind.Float
        : proto.HasI ? AttributeKind.Int
        : proto.HasS ? AttributeKind.String
        : proto.T is not null ? AttributeKind.Tensor
        : proto.HasG ? AttributeKind.Graph
        : proto.Floats.Count > 0 ? AttributeKind.Floats
        : proto.Ints.Count > 0 ? AttributeKind.Ints
        : proto.Strings.Count > 0 ? AttributeKind.Strings
        : proto.Tensors.Count > 0 ? AttributeKind.Tensors
        : proto.Graphs.Count > 0 ? AttributeKind.Graphs
        : AttributeKind.Undefined;

    internal static ValueInfo ReadValueInfo(ValueInfoProto proto)
    {
        var elementType = DataType.Undefined;
        Shape? shape = null;
        if (proto.Type?.TensorType is { } tensorType)
        {
            elementType = (DataType)tensorType.ElemType;
            if (tensorType.Shape is { } s)
            {
                shape = new Shape(s.Dim.Select(d =>
                    d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue >= 0 ? Dim.Of(d.DimValue)
                    : d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? Dim.Named(d.DimParam)
                    : Dim.Unknown));
                if (!ElementCounts.Fit(shape.Where(d => d.IsKnown).Select(d => d.Value!.Value)))
                {
                    throw new InvalidDataException($"value '{proto.Name}' has shape {shape}, too many elements to count");
                }
            }
        }
        // The whole record is kept so denotations and non-tensor types survive a round trip.
        var plain = proto.Type is { TensorType: { } tt, HasDenotation: false }
            && !proto.HasDocString
            && proto.CalculateSize() == Plain(proto.Name, tt).CalculateSize();
        return new ValueInfo(proto.Name, elementType, shape) { Extras = plain ? null : proto.ToByteArray() };
    }

    // What the writer would produce from the modelled fields alone; equal size means nothing else is present.
    private static ValueInfoProto Plain(string name, TypeProto.Types.Tensor tensorType)
    {
        var copy = new TypeProto.Types.Tensor { ElemType = tensorType.ElemType };
        if (tensorType.Shape is { } shape)
        {
            copy.Shape = new TensorShapeProto();
            foreach (var d in shape.Dim)
            {
                var dim = new TensorShapeProto.Types.Dimension();
                if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
                {
                    dim.DimValue = d.DimValue;
                }
                else if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam)
                {
                    dim.DimParam = d.DimParam;
                }
                copy.Shape.Dim.Add(dim);
            }
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = copy } };
    }

    internal static Tensor ReadTensor(TensorProto proto, ReadContext context)
    {
        var type = (DataType)proto.DataType;
        var dims = proto.Dims.ToArray();
        if (dims.Any(d => d < 0))
        {
            throw new InvalidDataException($"tensor '{proto.Name}' has a negative dimension [{string.Join(",", dims)}]");
        }
        if (!ElementCounts.Fit(dims))
        {
            throw new InvalidDataException($"tensor '{proto.Name}' has dims [{string.Join(",", dims)}], too many elements to count");
        }
        var rest = proto.Clone();
        rest.Dims.Clear();
        rest.ClearDataType();
        rest.FloatData.Clear();
        rest.Int32Data.Clear();
        rest.StringData.Clear();
        rest.Int64Data.Clear();
        rest.ClearName();
        rest.ClearRawData();
        rest.DoubleData.Clear();
        rest.Uint64Data.Clear();
        rest.ExternalData.Clear();
        rest.ClearDataLocation();
        var extras = NonEmpty(rest);

        if (type == DataType.String)
        {
            return Tensor.FromStrings(proto.Name, dims, proto.StringData.Select(s => s.ToByteArray())).WithExtras(extras);
        }
        var bytes = ElementBytes(proto, type, context);
        try
        {
            return Tensor.FromBytes(proto.Name, type, dims, bytes).WithExtras(extras);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} (truncated or corrupt tensor data)", e);
        }
    }

    private static ReadOnlyMemory<byte> ElementBytes(TensorProto proto, DataType type, ReadContext context)
    {
        if (proto.HasDataLocation && proto.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return context.ReadExternal(proto);
        }
        if (proto.HasRawData)
        {
            return proto.RawData.Memory;
        }
        switch (type)
        {
            case DataType.Float:
            case DataType.Complex64:
                return MemoryMarshal.AsBytes(proto.FloatData.ToArray().AsSpan()).ToArray();
            case DataType.Double:
            case DataType.Complex128:
                return MemoryMarshal.AsBytes(proto.DoubleData.ToArray().AsSpan()).ToArray();
            case DataType.Int64:
                return MemoryMarshal.AsBytes(proto.Int64Data.ToArray().AsSpan()).ToArray();
            case DataType.UInt64:
                return MemoryMarshal.AsBytes(proto.Uint64Data.ToArray().AsSpan()).ToArray();
            case DataType.UInt32:
                return MemoryMarshal.AsBytes(proto.Uint64Data.Select(v => (uint)v).ToArray().AsSpan()).ToArray();
            case DataType.Int32:
                return MemoryMarshal.AsBytes(proto.Int32Data.ToArray().AsSpan()).ToArray();
            case DataType.Int16:
            case DataType.UInt16:
            case DataType.Float16:
            case DataType.BFloat16:
                return MemoryMarshal.AsBytes(proto.Int32Data.Select(v => (ushort)v).ToArray().AsSpan()).ToArray();
            case DataType.Int8:
            case DataType.UInt8:
            case DataType.Bool:
            case DataType.Float8E4M3FN:
            case DataType.Float8E4M3FNUZ:
            case DataType.Float8E5M2:
            case DataType.Float8E5M2FNUZ:
                return proto.Int32Data.Select(v => (byte)v).ToArray();
            case DataType.Int4:
            case DataType.UInt4:
            case DataType.Float4E2M1:
                // Each int32 element already holds two packed 4-bit values.
                return proto.Int32Data.Select(v => (byte)v).ToArray();
            default:
                throw new InvalidDataException($"tensor '{proto.Name}' has unsupported element type code {proto.DataType}");
        }
    }

    private static byte[]? NonEmpty(IMessage message)
    {
        var bytes = message.ToByteArray();
        return bytes.Length == 0 ? null : bytes;
    }

    /// <summary>Per-read state: where the model came from, for messages and external data.</summary>
    internal sealed class ReadContext(string source, string baseDirectory)
    {
        private readonly SortedSet<string> _externalFiles = new(StringComparer.Ordinal);

        public string Source { get; } = source;

        /// <summary>Full paths of the external data files read so far.</summary>
        public IEnumerable<string> ExternalFiles => _externalFiles;

        public ReadOnlyMemory<byte> ReadExternal(TensorProto proto)
        {
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in proto.ExternalData)
            {
                entries[entry.Key] = entry.Value;
            }
            if (!entries.TryGetValue("location", out var location) || location.Length == 0)
            {
                throw new InvalidDataException($"tensor '{proto.Name}' is stored externally but names no location");
            }
            if (Path.IsPathRooted(location))
            {
                throw new InvalidDataException($"tensor '{proto.Name}': external data location '{location}' must be relative to the model");
            }
            var folder = Path.GetFullPath(baseDirectory);
            var full = Path.GetFullPath(Path.Combine(folder, location));
            // As ONNX requires: data lives beside or below the model, so a model cannot make Shears read arbitrary files.
            if (!full.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"tensor '{proto.Name}': external data location '{location}' lies outside the model's folder");
            }
            if (!File.Exists(full))
            {
                throw new InvalidDataException($"tensor '{proto.Name}': external data file '{location}' not found beside the model");
            }
            var offset = Number(proto, entries, "offset") ?? 0;
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = Number(proto, entries, "length") ?? stream.Length - offset;
            if (offset < 0 || length < 0 || offset + length > stream.Length)
            {
                throw new InvalidDataException($"tensor '{proto.Name}': external data range {offset}+{length} lies outside '{location}' ({stream.Length} bytes)");
            }
            var buffer = new byte[length];
            stream.Position = offset;
            stream.ReadExactly(buffer);
            _externalFiles.Add(full);
            return buffer;
        }

        private static long? Number(TensorProto proto, Dictionary<string, string> entries, string key)
        {
            if (!entries.TryGetValue(key, out var text))
            {
                return null;
            }
            return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidDataException($"tensor '{proto.Name}': external data {key} '{text}' is not a byte count");
        }
    }
}
