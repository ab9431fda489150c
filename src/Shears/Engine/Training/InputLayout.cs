using Shears.IR;

namespace Shears.Engine.Training;

/// <summary>Matches a dataset's sample shape to a model input: [1, 28, 28] feeds an input declared [N, 1, 28, 28] or [N, 784].</summary>
public static class InputLayout
{
    /// <summary>The per-sample shape the model's input wants, when it holds the same number of elements as the data's samples.</summary>
    public static int[] Resolve(Model model, string input, IReadOnlyList<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleShape);
        var declared = model.Graph.FindValueInfo(input)?.Shape;
        var sampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
        if (declared is null || declared.Rank < 2)
        {
            return [.. sampleShape];
        }
        var perSample = declared.Skip(1).ToList();
        if (perSample.All(d => d.IsKnown))
        {
            var dims = perSample.Select(d => d.Value!.Value is >= 0 and <= int.MaxValue ? (int)d.Value.Value
                : throw new ShearsException($"the model's input '{input}' has a dimension of {d.Value.Value}, which the engine cannot hold")).ToArray();
            if (dims.Aggregate(1, (a, b) => a * b) != sampleSize)
            {
                throw new ShearsException($"the model's input '{input}' takes samples of shape [{string.Join("×", dims)}], the data has [{string.Join("×", sampleShape)}]");
            }
            return dims;
        }
        return [.. sampleShape];
    }
}
