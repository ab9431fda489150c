using Shears.IR;

namespace Shears.Hardware.Latency;

/// <summary>Sets the batch size of a model's runtime inputs, so a model exported at batch 1 can be timed at another.</summary>
public static class ModelBatch
{
    /// <summary>
    /// The model with the first axis of every runtime input set to <paramref name="batch"/>; the same
    /// instance when nothing changes. Output and intermediate annotations lose their shapes, since
    /// they were written for the old batch.
    /// </summary>
    public static Model With(Model model, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        var graph = model.Graph;
        var inputs = graph.RuntimeInputs.Where(input => input.Shape is { Rank: > 0 }).ToList();
        if (inputs.All(input => input.Shape![0].Value == batch))
        {
            return model;
        }
        var copy = model.Clone();
        var names = inputs.Select(input => input.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < copy.Graph.Inputs.Count; i++)
        {
            var input = copy.Graph.Inputs[i];
            if (names.Contains(input.Name))
            {
                copy.Graph.Inputs[i] = input with { Shape = input.Shape!.With(0, batch) };
            }
        }
        for (var i = 0; i < copy.Graph.Outputs.Count; i++)
        {
            copy.Graph.Outputs[i] = copy.Graph.Outputs[i] with { Shape = null };
        }
        copy.Graph.ValueInfos.Clear();
        return copy;
    }

    /// <summary>Concrete input shapes at a batch size: symbolic axes after the first count one.</summary>
    public static Dictionary<string, Shape> InputShapes(Model model, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var input in model.Graph.RuntimeInputs)
        {
            if (input.Shape is not { Rank: > 0 } shape)
            {
                throw new ShearsException($"input '{input.Name}' has unknown rank; latency needs a concrete input shape");
            }
            shapes[input.Name] = new Shape(shape.Select((dim, axis) => axis == 0 ? Dim.Of(batch) : dim.IsKnown ? dim : Dim.Of(1)));
        }
        return shapes;
    }
}
