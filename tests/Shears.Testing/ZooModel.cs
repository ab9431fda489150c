using System.Globalization;

namespace Shears.Testing;

/// <summary>One export of tools/export_torchvision.py: a model name and the export options that change the file.</summary>
/// <param name="Name">A torchvision.models builder name or one of the script's custom nets.</param>
public sealed record ZooModel(string Name, int Opset = 13, bool DynamicBatch = false, bool ExternalData = false)
{
    /// <summary>The file name the exporter gives this export.</summary>
    public string FileName =>
        $"{Name}_op{Opset.ToString(CultureInfo.InvariantCulture)}{(DynamicBatch ? "_dyn" : "")}{(ExternalData ? "_ext" : "")}.onnx";

    public IEnumerable<string> ExportArguments(string outputDirectory)
    {
        yield return "--out";
        yield return outputDirectory;
        yield return "--opset";
        yield return Opset.ToString(CultureInfo.InvariantCulture);
        if (DynamicBatch)
        {
            yield return "--dynamic-batch";
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
