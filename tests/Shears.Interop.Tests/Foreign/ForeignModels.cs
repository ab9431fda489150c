using System.Text.Json;
using Shears.Interop.Tests.Infrastructure;

namespace Shears.Interop.Tests.Foreign;

/// <summary>Models in other producers' forms, made by Python/foreign_models.py into a temporary folder.</summary>
internal static class ForeignModels
{
    /// <summary>Writes the model and returns its path and the facts the script printed.</summary>
    public static (string Path, JsonElement Facts) Make(TemporaryDirectory folder, string kind, int? opset = null)
    {
        var path = folder.File($"{kind}{opset}.onnx");
        string[] arguments = opset is { } o ? [kind, o.ToString(System.Globalization.CultureInfo.InvariantCulture), path] : [kind, path];
        var output = Python.Run(RepositoryRoot.Combine("tests", "Shears.Interop.Tests", "Python", "foreign_models.py"), arguments, TimeSpan.FromMinutes(2));
        return (path, JsonDocument.Parse(output).RootElement.Clone());
    }
}
