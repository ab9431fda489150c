namespace Shears.Pruning.Importance;

/// <summary>How a unit's score combines the scores of the parameter slices it spans.</summary>
public enum ScoreAggregation
{
    Mean,
    Sum,
    Max,
}
