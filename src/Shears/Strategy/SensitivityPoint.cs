namespace Shears.Strategy;

/// <summary>One group pruned alone at one ratio, and the validation accuracy the model kept.</summary>
/// <param name="Ratio">The ratio asked for (before the kept count was rounded to the target's channel multiple).</param>
/// <param name="Removed">Units the group lost at that ratio, after rounding.</param>
/// <param name="Accuracy">Validation accuracy of the model with only this group pruned, in [0, 1].</param>
/// <param name="Drop">Points of accuracy lost against the unpruned model (negative when it gained).</param>
public sealed record SensitivityPoint(double Ratio, int Removed, double Accuracy, double Drop);
