namespace Shears.Hardware.Latency;

/// <summary>
/// Latency of one layer against the channel count of one axis, from measured points. Counts that
/// are multiples of the block form the base series, read by linear interpolation. Other
/// alignments are either padded by the kernel to the next multiple (a staircase: a constant factor
/// times the base at the rounded-up count) or run a separate ragged path (read from their own
/// points); which of the two holds is decided from the measurements of that alignment.
/// </summary>
public sealed class LatencyCurve
{
    // Measured points of one alignment that agree with the padded rule this closely use it.
    private const double PaddedTolerance = 0.12;

    private readonly Dictionary<int, AlignmentRule> _rules = [];
    private readonly List<LatencyPoint> _base;

    /// <summary>A curve through measured points; repeated channel counts are merged by their median.</summary>
    /// <param name="points">Measured (channels, milliseconds) points of one axis of one layer.</param>
    /// <param name="block">The vector block whose multiples form the base series.</param>
    /// <exception cref="ShearsException">There are no points, or a point has a non-positive count or a negative time.</exception>
    public LatencyCurve(IEnumerable<LatencyPoint> points, int block)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        Block = block;
        Points = [.. points.GroupBy(point => point.Channels).Select(group => new LatencyPoint(group.Key, MeasurementSummary.Median(group.Select(p => p.Ms)))).OrderBy(point => point.Channels)];
        if (Points.Count == 0)
        {
            throw new ShearsException("a latency curve needs at least one measured point");
        }
        if (Points.Any(point => point.Channels <= 0 || !(point.Ms >= 0)))
        {
            throw new ShearsException("latency curve points need positive channel counts and non-negative times");
        }
        _base = [.. Points.Where(point => ChannelAlignment.Of(point.Channels, block) == block)];
        if (_base.Count == 0)
        {
            // Too few channels for a whole block: every count is read from the points themselves.
            _base = [.. Points];
            Block = 1;
        }
        _base = NonDecreasing(_base);
        foreach (var alignment in AlignmentsBelow(Block))
        {
            _rules[alignment] = RuleFor(alignment);
        }
    }

    /// <summary>The vector block of the base series; 1 when no point is a whole multiple of the requested block.</summary>
    public int Block { get; }

    /// <summary>Measured points, one per channel count, ascending.</summary>
    public IReadOnlyList<LatencyPoint> Points { get; }

    /// <summary>The largest measured channel count.</summary>
    public int MaxChannels => Points[^1].Channels;

    /// <summary>Predicted milliseconds at a channel count.</summary>
    public double At(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var alignment = ChannelAlignment.Of(channels, Block);
        if (alignment == Block)
        {
            return Interpolate(_base, channels);
        }
        return _rules[alignment].At(this, channels);
    }

    /// <summary>Whether counts of an alignment are padded to the block (true) or run a ragged path (false).</summary>
    public bool IsPadded(int alignment) => alignment >= Block || _rules[alignment].Padded;

    private static IEnumerable<int> AlignmentsBelow(int block)
    {
        for (var alignment = 1; alignment < block; alignment *= 2)
        {
            yield return alignment;
        }
    }

    private double Padded(int channels) => Interpolate(_base, ChannelAlignment.RoundUp(channels, Block));

    // Finer alignments are settled first, so a coarser one can follow a finer one's ragged path.
    private AlignmentRule RuleFor(int alignment)
    {
        var own = Points.Where(point => ChannelAlignment.Of(point.Channels, Block) == alignment).ToList();
        _rules.TryGetValue(alignment / 2, out var finer);
        if (own.Count == 0)
        {
            return finer ?? new AlignmentRule(true, 1, []);
        }
        // Candidate shapes: padded to the block, or the finer alignment's ragged path; each scaled through the points.
        var candidates = new List<AlignmentRule> { new(true, 1, []) };
        if (finer is { Padded: false })
        {
            candidates.Add(finer);
        }
        var fits = candidates.Select(rule =>
        {
            var ratios = own.Select(point => point.Ms / rule.At(this, point.Channels)).ToList();
            return (Rule: rule, Ratio: MeasurementSummary.Median(ratios), Spread: ratios.Max() / ratios.Min());
        }).ToList();
        if (own.Count == 1)
        {
            // One point cannot show a shape: follow the candidate it lies closest to.
            var nearest = fits.MinBy(fit => Math.Abs(Math.Log(fit.Ratio)));
            return nearest.Rule with { Scale = nearest.Rule.Scale * nearest.Ratio };
        }
        // Padding is the common case and wins whenever it explains the points; a ragged path must explain them instead.
        var fitting = fits.FirstOrDefault(fit => fit.Spread <= 1 + PaddedTolerance);
        return fitting.Rule is { } rule
            ? rule with { Scale = rule.Scale * fitting.Ratio }
            : new AlignmentRule(false, 1, own);
    }

    /// <summary>
    /// The closest non-decreasing series (pool adjacent violators): whole blocks of channels never
    /// cost less than fewer blocks, so a dip in the base series is measurement noise.
    /// </summary>
    private static List<LatencyPoint> NonDecreasing(List<LatencyPoint> points)
    {
        var pools = new List<(double Sum, int Count)>();
        foreach (var point in points)
        {
            pools.Add((point.Ms, 1));
            while (pools.Count > 1 && pools[^2].Sum / pools[^2].Count > pools[^1].Sum / pools[^1].Count)
            {
                var merged = (pools[^2].Sum + pools[^1].Sum, pools[^2].Count + pools[^1].Count);
                pools.RemoveAt(pools.Count - 1);
                pools[^1] = merged;
            }
        }
        var result = new List<LatencyPoint>(points.Count);
        foreach (var (sum, count) in pools)
        {
            for (var i = 0; i < count; i++)
            {
                result.Add(points[result.Count] with { Ms = sum / count });
            }
        }
        return result;
    }

    // Linear between neighbouring points; proportional to the count outside the measured range.
    private static double Interpolate(List<LatencyPoint> points, int channels)
    {
        if (channels <= points[0].Channels)
        {
            return points[0].Ms * channels / points[0].Channels;
        }
        if (channels >= points[^1].Channels)
        {
            return points[^1].Ms * channels / points[^1].Channels;
        }
        var upper = points.FindIndex(point => point.Channels >= channels);
        var (low, high) = (points[upper - 1], points[upper]);
        var t = (channels - low.Channels) / (double)(high.Channels - low.Channels);
        return low.Ms + (t * (high.Ms - low.Ms));
    }

    /// <summary>How counts of one alignment are read: padded to the block times a factor, or from their own points.</summary>
    private sealed record AlignmentRule(bool Padded, double Scale, List<LatencyPoint> Own)
    {
        public double At(LatencyCurve curve, int channels) => Scale * (Padded ? curve.Padded(channels) : Interpolate(Own, channels));
    }
}
