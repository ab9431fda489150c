using System.Globalization;

namespace Shears.Testing;

/// <summary>One export of tools/export_torchvision.py: a model name and the export options that change the file.</summary>
/// <param name="Name">A torchvision.models builder name or one of the script's custom nets.</param>
/// <param name="DynamicSequence">The token axis is symbolic ("sequence"); only for the script's sequence models.</param>
/// <param name="Size">The image side; vision transformers are built for it.</param>
public sealed record ZooModel(string Name, int Opset = 13, bool DynamicBatch = false, bool ExternalData = false, bool DynamicSequence = false, int Size = 224)
{
    private const int DefaultSize = 224;

    /// <summary>The file name the exporter gives this export.</summary>
    public string FileName =>
        $"{Name}_op{Opset.ToString(CultureInfo.InvariantCulture)}{(Size != DefaultSize ? $"_s{Size.ToString(CultureInfo.InvariantCulture)}" : "")}"
        + $"{(DynamicBatch ? "_dyn" : "")}{(DynamicSequence ? "_seq" : "")}{(ExternalData ? "_ext" : "")}.onnx";

    public IEnumerable<string> ExportArguments(string outputDirectory)
    {
        yield return "--out";
        yield return outputDirectory;
        yield return "--opset";
        yield return Opset.ToString(CultureInfo.InvariantCulture);
        if (Size != DefaultSize)
        {
            yield return "--size";
            yield return Size.ToString(CultureInfo.InvariantCulture);
        }
        if (DynamicBatch)
        {
            yield return "--dynamic-batch";
        }
        if (DynamicSequence)
        {
            yield return "--dynamic-sequence";
        }
        if (ExternalData)
        {
            yield return "--external-data";
        }
        yield return Name;
    }

    /// <summary>Shown as the theory case name.</summary>
    public override string ToString() => Path.GetFileNameWithoutExtension(FileName);
}
