using System.Text;
using System.Text.Json;
using Shears.IO;
using Shears.IR;

namespace Shears.Analysis;

/// <summary>Writes a <see cref="ModelAnalysis"/> as one JSON object (camelCase keys; shapes as arrays, symbols as strings).</summary>
public static class AnalysisJson
{
    /// <summary>The analysis as a JSON document (UTF-8 text).</summary>
    /// <param name="analysis">The analysis to write.</param>
    /// <param name="indented">True (the default) for indented, human-readable output; false for one line.</param>
    public static string Serialize(ModelAnalysis analysis, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(json, analysis);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the analysis as one JSON object at the writer's current position, so it can be embedded in a larger document.</summary>
    /// <param name="json">The writer to write to; not flushed or disposed.</param>
    /// <param name="analysis">The analysis to write.</param>
    public static void Write(Utf8JsonWriter json, ModelAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(analysis);
        json.WriteStartObject();
        json.WriteString("graph", analysis.GraphName);
        json.WriteString("producer", analysis.Producer);
        json.WriteNumber("opset", analysis.Opset);
        WriteValues(json, "inputs", analysis.Inputs);
        WriteValues(json, "outputs", analysis.Outputs);
        json.WriteNumber("parameters", analysis.Parameters);
        json.WriteNumber("macs", analysis.Macs);
        json.WriteNumber("weightBytes", analysis.WeightBytes);
        json.WriteNumber("activationBytes", analysis.ActivationBytes);
        json.WriteNumber("unknownMacLayers", analysis.UnknownMacLayers);
        json.WriteStartArray("layers");
        foreach (var layer in analysis.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteString("op", layer.Op);
            json.WriteString("category", JsonNamingPolicy.CamelCase.ConvertName(layer.Category.ToString()));
            json.WriteNumber("parameters", layer.Parameters);
            json.WriteNumberOrNull("macs", layer.Macs);
            json.WriteNumber("weightBytes", layer.WeightBytes);
            json.WriteNumberOrNull("activationBytes", layer.ActivationBytes);
            json.WriteStartArray("inputShapes");
            foreach (var shape in layer.InputShapes)
            {
                WriteShape(json, shape);
            }
            json.WriteEndArray();
            json.WritePropertyName("outputShape");
            WriteShape(json, layer.OutputShapes.Count > 0 ? layer.OutputShapes[0] : null);
            json.WriteBoolean("constant", layer.IsConstant);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in analysis.Warnings)
        {
            json.WriteStringValue(warning);
        }
        json.WriteEndArray();
        json.WriteStartArray("assumedDims");
        foreach (var assumption in analysis.Assumptions)
        {
            json.WriteStartObject();
            json.WriteString("input", assumption.Input);
            json.WriteNumber("axis", assumption.Axis);
            if (assumption.Symbol is { } symbol)
            {
                json.WriteString("symbol", symbol);
            }
            json.WriteNumber("value", assumption.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyList<ValueInfo> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStartObject();
            json.WriteString("name", value.Name);
            json.WriteString("type", DataTypes.Name(value.ElementType));
            json.WritePropertyName("shape");
            WriteShape(json, value.Shape);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter json, Shape? shape)
    {
        if (shape is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartArray();
        foreach (var d in shape)
        {
            if (d.Value is { } v)
            {
                json.WriteNumberValue(v);
            }
            else if (d.Symbol is { } s)
            {
                json.WriteStringValue(s);
            }
            else
            {
                json.WriteNullValue();
            }
        }
        json.WriteEndArray();
    }
}
