using Shears.Engine.Training;
using Shears.IR;

namespace Shears.Data;

/// <summary>What a classifier takes and gives, as far as data is concerned: its input's shape per sample and its class count.</summary>
/// <param name="Name">The input fed with samples.</param>
/// <param name="SampleShape">The input's shape without the batch axis (null entries are symbolic), or null when the model does not say.</param>
/// <param name="ClassCount">The last extent of the first output, when known.</param>
public sealed record ModelInput(string Name, IReadOnlyList<int?>? SampleShape, int? ClassCount)
{
    /// <summary>Reads the shapes declared by <paramref name="model"/> (its only runtime input unless <paramref name="inputName"/> is given).</summary>
    public static ModelInput Of(Model model, string? inputName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = inputName ?? Trainer.SingleInput(model);
        var declared = model.Graph.FindValueInfo(name)?.Shape;
        IReadOnlyList<int?>? sample = declared is { Rank: >= 2 }
            ? [.. declared.Skip(1).Select(d => d.Value is { } v && v is > 0 and <= int.MaxValue ? (int?)v : null)]
            : null;
        var output = model.Graph.Outputs.FirstOrDefault()?.Shape;
        int? classes = output is { Rank: >= 1 } && output[^1].Value is { } k && k is > 0 and <= int.MaxValue ? (int)k : null;
        return new ModelInput(name, sample, classes);
    }
}
