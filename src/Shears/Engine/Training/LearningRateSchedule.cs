namespace Shears.Engine.Training;

/// <summary>Learning rate as a function of training progress.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>Rate for optimizer step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>, with <paramref name="stepsPerEpoch"/> steps an epoch.</summary>
    public abstract float At(int step, int totalSteps, int stepsPerEpoch);

    /// <summary>The same rate throughout.</summary>
    /// <param name="Rate">The learning rate of every step.</param>
    public sealed record Constant(float Rate) : LearningRateSchedule
    {
        /// <inheritdoc/>
        public override float At(int step, int totalSteps, int stepsPerEpoch) => Rate;
    }

    /// <summary>Multiplies the rate by <paramref name="Gamma"/> every <paramref name="EveryEpochs"/> epochs.</summary>
    /// <param name="Rate">The learning rate of the first epochs.</param>
    /// <param name="EveryEpochs">Epochs between reductions.</param>
    /// <param name="Gamma">Factor applied at each reduction, such as 0.1.</param>
    public sealed record Step(float Rate, int EveryEpochs, float Gamma) : LearningRateSchedule
    {
        /// <inheritdoc/>
        public override float At(int step, int totalSteps, int stepsPerEpoch) =>
            Rate * MathF.Pow(Gamma, step / Math.Max(1, stepsPerEpoch * EveryEpochs));
    }

    /// <summary>Linear warm-up over <paramref name="WarmupSteps"/>, then cosine decay from <paramref name="Rate"/> to <paramref name="MinRate"/>.</summary>
    /// <param name="Rate">The peak learning rate, reached at the end of warm-up.</param>
    /// <param name="MinRate">The rate at the last step.</param>
    /// <param name="WarmupSteps">Steps of linear warm-up from near zero to <paramref name="Rate"/>; 0 for none.</param>
    public sealed record Cosine(float Rate, float MinRate = 0f, int WarmupSteps = 0) : LearningRateSchedule
    {
        /// <inheritdoc/>
        public override float At(int step, int totalSteps, int stepsPerEpoch)
        {
            if (step < WarmupSteps)
            {
                return Rate * (step + 1) / WarmupSteps;
            }
            var span = Math.Max(1, totalSteps - WarmupSteps);
            var progress = Math.Min(1f, (float)(step - WarmupSteps) / span);
            return MinRate + (0.5f * (Rate - MinRate) * (1f + MathF.Cos(MathF.PI * progress)));
        }
    }
}
