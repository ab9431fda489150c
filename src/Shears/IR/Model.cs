namespace Shears.IR;

/// <summary>A model: its main graph plus the ONNX header (IR version, operator sets, producer, metadata).</summary>
public sealed class Model
{
    /// <summary>A model around <paramref name="graph"/>, with IR version 8 and standard opset 17 until set otherwise.</summary>
    public Model(Graph graph) => Graph = graph;

    /// <summary>The main graph.</summary>
    public Graph Graph { get; set; }

    /// <summary>The ONNX IR (file format) version written in the header.</summary>
    public long IrVersion { get; set; } = 8;

    /// <summary>Operator set version per domain ("" is the standard ONNX domain).</summary>
    public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal) { [""] = 17 };

    /// <summary>The tool that wrote the model, such as "pytorch" or "shears".</summary>
    public string ProducerName { get; set; } = "";

    /// <summary>The producing tool's version.</summary>
    public string ProducerVersion { get; set; } = "";

    /// <summary>The model's namespace (reverse-DNS by convention), often empty.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The model's own version number, as the producer set it.</summary>
    public long ModelVersion { get; set; }

    /// <summary>Free-form documentation of the model.</summary>
    public string DocString { get; set; } = "";

    /// <summary>Free-form metadata entries, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <summary>Serialized ONNX model fields this class does not model (functions, training info), written back as read.</summary>
    public byte[]? Extras { get; set; }

    /// <summary>
    /// Full paths of the external data files the model's tensors were read from (empty when all were
    /// inline). A model read with external data is written with external data too, and never over these files.
    /// </summary>
    public IReadOnlyList<string> ExternalDataFiles { get; set; } = [];

    /// <summary>The standard-domain operator set version.</summary>
    public long OpsetVersion => Opsets.TryGetValue("", out var v) ? v : Opsets.TryGetValue("ai.onnx", out var w) ? w : 1;

    /// <summary>A copy with a cloned graph, so the copy's graph can change without touching this model.</summary>
    public Model Clone()
    {
        var copy = new Model(Graph.Clone())
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            Domain = Domain,
            ModelVersion = ModelVersion,
            DocString = DocString,
            Extras = Extras,
            ExternalDataFiles = ExternalDataFiles,
        };
        copy.Opsets.Clear();
        foreach (var (domain, version) in Opsets)
        {
            copy.Opsets[domain] = version;
        }
        copy.Metadata.AddRange(Metadata);
        return copy;
    }
}
