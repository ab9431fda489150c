namespace Shears.Data;

/// <summary>A dataset's training and test parts, normalised alike.</summary>
public sealed record TrainTestSplit(ImageClassificationDataset Train, ImageClassificationDataset Test);
