namespace Shears.Hardware.Latency;

/// <summary>
/// Reads a latency curve the way a planner needs it: where adding one channel makes the layer
/// markedly slower (cliffs), and which channel multiple keeps a layer on the fast side of every cliff.
/// </summary>
public static class LatencyCliffs
{
    /// <summary>Default jump that counts as a cliff: 5% for one channel more.</summary>
    public const double DefaultThreshold = 0.05;

    /// <summary>Multiples considered for <see cref="BestMultiple"/>, smallest first.</summary>
    public static IReadOnlyList<int> CandidateMultiples { get; } = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>Channels' worth of average cost one more channel must add, beyond <see cref="DefaultThreshold"/>, to be a cliff.</summary>
    public const double MinimumStepInChannels = 2;

    /// <summary>
    /// Every count from 2 to the curve's largest where latency rises more than <paramref name="threshold"/>
    /// over the count before, and by more than <see cref="MinimumStepInChannels"/> channels' worth of
    /// the average cost per channel: at small counts any steady growth exceeds a fixed share.
    /// </summary>
    public static IReadOnlyList<LatencyCliff> Find(LatencyCurve curve, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var cliffs = new List<LatencyCliff>();
        var previous = curve.At(1);
        for (var channels = 2; channels <= curve.MaxChannels; channels++)
        {
            var current = curve.At(channels);
            var step = current - previous;
            if (step > previous * threshold && step > MinimumStepInChannels * previous / (channels - 1))
            {
                cliffs.Add(new LatencyCliff(channels, previous, current));
            }
            previous = current;
        }
        return cliffs;
    }

    /// <summary>
    /// The smallest multiple m such that every count rounded down to a multiple of m is on the lower
    /// envelope: no larger count runs as fast. Keeping channels in multiples of m then never pays for
    /// channels the hardware would have given for free, nor lands on a ragged slow path.
    /// </summary>
    /// <param name="curve">The layer's curve.</param>
    /// <param name="tolerance">
    /// A larger count "runs as fast" when it costs less than this share of one channel's average
    /// cost more; measured in channels, so a steadily rising curve never counts as flat.
    /// </param>
    public static int BestMultiple(LatencyCurve curve, double tolerance = 0.5)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var max = curve.MaxChannels;
        var latency = new double[max + 2];
        for (var channels = 1; channels <= max; channels++)
        {
            latency[channels] = curve.At(channels);
        }
        // fastestAbove[c]: the least latency of any count above c.
        var fastestAbove = new double[max + 2];
        fastestAbove[max] = double.PositiveInfinity;
        for (var channels = max - 1; channels >= 1; channels--)
        {
            fastestAbove[channels] = Math.Min(fastestAbove[channels + 1], latency[channels + 1]);
        }
        foreach (var multiple in CandidateMultiples.Where(m => m <= max))
        {
            var onEnvelope = true;
            for (var channels = multiple; channels <= max && onEnvelope; channels += multiple)
            {
                onEnvelope = fastestAbove[channels] > latency[channels] * (1 + (tolerance / channels));
            }
            if (onEnvelope)
            {
                return multiple;
            }
        }
        return CandidateMultiples.LastOrDefault(m => m <= max, 1);
    }
}
