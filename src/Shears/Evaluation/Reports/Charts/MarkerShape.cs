namespace Shears.Evaluation.Reports.Charts;

/// <summary>The shape of a point marker, so series stay distinct without colour.</summary>
internal enum MarkerShape
{
    /// <summary>A disc.</summary>
    Circle,

    /// <summary>A square.</summary>
    Square,

    /// <summary>A diamond.</summary>
    Diamond,

    /// <summary>An upward triangle.</summary>
    Triangle,
}
