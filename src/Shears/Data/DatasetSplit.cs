namespace Shears.Data;

/// <summary>
/// The parts of a dataset: what to train on, an optional validation part (held out of training, seeded)
/// and an optional test set (a file or folder of its own, or the test half of a format that has one).
/// </summary>
public sealed record DatasetSplit(LabelledDataset Train, LabelledDataset? Validation, LabelledDataset? Test)
{
    /// <summary>The part to report accuracy on: the test set, else the validation part, else the training data itself.</summary>
    public LabelledDataset Evaluation => Test ?? Validation ?? Train;

    /// <summary>Which part <see cref="Evaluation"/> is: "test", "validation" or "training".</summary>
    public string EvaluationPart => Test is not null ? "test" : Validation is not null ? "validation" : "training";

    /// <summary>Every part present, for checks that must hold for all of them.</summary>
    public IEnumerable<LabelledDataset> Parts => new[] { Train, Validation, Test }.OfType<LabelledDataset>();
}
