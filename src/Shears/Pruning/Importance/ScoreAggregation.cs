namespace Shears.Pruning.Importance;

/// <summary>How a unit's score combines the scores of the parameter slices it spans.</summary>
public enum ScoreAggregation
{
    /// <summary>The average of the slice scores (the default).</summary>
    Mean,
    /// <summary>The sum of the slice scores, so units spanning more weights weigh more.</summary>
    Sum,
    /// <summary>The largest slice score.</summary>
    Max,
}
