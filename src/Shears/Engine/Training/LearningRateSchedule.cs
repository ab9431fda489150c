namespace Shears.Engine.Training;

/// <summary>Learning rate as a function of training progress.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>Rate for optimizer step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>, with <paramref name="stepsPerEpoch"/> steps an epoch.</summary>
    public abstract float At(int step, int totalSteps, int stepsPerEpoch);

    /// <summary>The same rate throughout.</summary>
    public sealed record Constant(float Rate) : LearningRateSchedule
    {
        public override float At(int step, int totalSteps, int stepsPerEpoch) => Rate;
    }

    /// <summary>Multiplies the rate by <paramref name="Gamma"/> every <paramref name="EveryEpochs"/> epochs.</summary>
    public sealed record Step(float Rate, int EveryEpochs, float Gamma) : LearningRateSchedule
    {
        public override float At(int step, int totalSteps, int stepsPerEpoch) =>
            Rate * MathF.Pow(Gamma, step / Math.Max(1, stepsPerEpoch * EveryEpochs));
    }

    /// <summary>Linear warm-up over <paramref name="WarmupSteps"/>, then cosine decay from <paramref name="Rate"/> to <paramref name="MinRate"/>.</summary>
    public sealed record Cosine(float Rate, float MinRate = 0f, int WarmupSteps = 0) : LearningRateSchedule
    {
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
