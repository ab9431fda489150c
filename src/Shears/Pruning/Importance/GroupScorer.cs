using Shears.Numerics;
using Shears.Pruning.Dependency;

namespace Shears.Pruning.Importance;

/// <summary>Scores every unit of a group by a criterion, aggregating over the parameter slices the unit spans.</summary>
public sealed class GroupScorer
{
    private readonly ChannelParameters _parameters;
    private readonly SliceStatistics _statistics;
    private readonly ImportanceCriterion _criterion;
    private readonly ScoreAggregation _aggregation;
    private readonly ulong _seed;

    /// <summary>Creates a scorer.</summary>
    /// <param name="parameters">The weight slices of every channel.</param>
    /// <param name="statistics">Precomputed sums over those slices (with gradients for Taylor).</param>
    /// <param name="criterion">The criterion to score by; bn without a norm scale and Taylor without gradients fall back to L2 (see <see cref="Notes"/>).</param>
    /// <param name="aggregation">How a unit's slice scores combine (not used by Taylor, which sums).</param>
    /// <param name="seed">Seed of the random criterion; each group draws from its own stream.</param>
    public GroupScorer(ChannelParameters parameters, SliceStatistics statistics, ImportanceCriterion criterion, ScoreAggregation aggregation, ulong seed)
    {
        _parameters = parameters;
        _statistics = statistics;
        _criterion = criterion;
        _aggregation = aggregation;
        _seed = seed;
    }

    /// <summary>Groups scored with a fallback criterion because the requested one does not apply (no BatchNorm, no gradients), with the reason.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>One score per unit of the group, in unit order; lower scores are removed first.</summary>
    public double[] Score(DependencyGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (_criterion == ImportanceCriterion.Random)
        {
            var rng = Rng.ForStream(_seed, group.Key);
            return [.. group.Units.Select(_ => rng.NextDouble())];
        }
        var criterion = _criterion;
        if (criterion == ImportanceCriterion.BatchNorm && !HasRole(group, SliceRole.NormScale))
        {
            Notes.Add($"group '{group.Key}' has no normalization scale; scored by L2 instead of bn");
            criterion = ImportanceCriterion.L2;
        }
        if (criterion == ImportanceCriterion.Taylor && !HasGradients(group))
        {
            Notes.Add($"group '{group.Key}' has no gradients; scored by L2 instead of taylor");
            criterion = ImportanceCriterion.L2;
        }
        var scores = new double[group.Units.Count];
        for (var u = 0; u < scores.Length; u++)
        {
            scores[u] = ScoreUnit(group.Units[u], criterion);
        }
        return scores;
    }

    private double ScoreUnit(PruningUnit unit, ImportanceCriterion criterion)
    {
        if (criterion == ImportanceCriterion.Taylor)
        {
            // Removing the unit zeroes all its parameters: the first-order loss change is their summed w·g.
            double total = 0;
            foreach (var channel in unit.Channels)
            {
                foreach (var slice in _parameters.Of(channel.Value))
                {
                    total += _statistics.Dot(slice, channel.Index) ?? 0;
                }
            }
            return Math.Abs(total);
        }
        var role = criterion == ImportanceCriterion.BatchNorm ? SliceRole.NormScale : SliceRole.Weight;
        var count = 0;
        double sum = 0;
        double max = 0;
        foreach (var channel in unit.Channels)
        {
            foreach (var slice in _parameters.Of(channel.Value))
            {
                if (slice.Role != role)
                {
                    continue;
                }
                var value = criterion == ImportanceCriterion.L2 ? _statistics.L2(slice, channel.Index) : _statistics.L1(slice, channel.Index);
                sum += value;
                max = Math.Max(max, value);
                count++;
            }
        }
        return count == 0 ? 0 : _aggregation switch
        {
            ScoreAggregation.Sum => sum,
            ScoreAggregation.Max => max,
            _ => sum / count,
        };
    }

    private bool HasRole(DependencyGroup group, SliceRole role) =>
        group.Values.Any(v => _parameters.Of(v).Any(s => s.Role == role));

    private bool HasGradients(DependencyGroup group) =>
        group.Units[0].Channels.Any(c => _parameters.Of(c.Value).Any(s => _statistics.Dot(s, c.Index) is not null));
}
