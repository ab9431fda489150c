namespace Shears.Engine.Ops;

/// <summary>Along one axis: for every output position, which input positions it mixes and with what weights (the same number of taps for all).</summary>
internal sealed class InterpolationTaps(int inputSize, int outputSize, int tapsPerOutput)
{
    public int InputSize { get; } = inputSize;

    public int OutputSize { get; } = outputSize;

    public int TapsPerOutput { get; } = tapsPerOutput;

    /// <summary>Input index of tap t of output j at [j · TapsPerOutput + t].</summary>
    public int[] Indices { get; } = new int[outputSize * tapsPerOutput];

    public float[] Weights { get; } = new float[outputSize * tapsPerOutput];

    /// <summary>True when every output copies the input at the same position, so the axis needs no pass.</summary>
    public bool IsIdentity()
    {
        if (InputSize != OutputSize)
        {
            return false;
        }
        for (var j = 0; j < OutputSize; j++)
        {
            float own = 0;
            for (var t = 0; t < TapsPerOutput; t++)
            {
                var at = (j * TapsPerOutput) + t;
                if (Indices[at] == j)
                {
                    own += Weights[at];
                }
                else if (Weights[at] != 0f)
                {
                    return false;
                }
            }
            if (own != 1f)
            {
                return false;
            }
        }
        return true;
    }
}
