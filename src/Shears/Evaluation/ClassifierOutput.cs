using Shears.IR;

namespace Shears.Evaluation;

/// <summary>Checks that a model ends in class logits, [batch, classes], before a run that trains and scores it starts.</summary>
public static class ClassifierOutput
{
    /// <summary>Throws a <see cref="ShearsException"/> naming the output when the model's first output is not [batch, classes] with at least two classes.</summary>
    /// <param name="model">The model to check.</param>
    public static void Require(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = model.Graph.Outputs.FirstOrDefault() ?? throw new ShearsException("the model has no outputs, so it has no class scores to fine-tune and evaluate");
        if (output.ElementType != DataType.Float)
        {
            throw new ShearsException($"the model has no classifier output: its output '{output.Name}' is {output.ElementType}, not float logits");
        }
        if (output.Shape is { } shape && (shape.Rank != 2 || shape[1].Value is < 2))
        {
            throw new ShearsException($"the model has no classifier output: its output '{output.Name}' has shape {shape}, not [batch, classes] logits");
        }
    }
}
