using System.Globalization;

namespace Shears.Evaluation.Reports.Charts;

/// <summary>A numeric axis from <see cref="Min"/> to <see cref="Max"/> with round ticks (1, 2 or 5 times a power of ten).</summary>
internal sealed class LinearAxis
{
    private const int TargetTicks = 5;

    private LinearAxis(double min, double max, double step)
    {
        Min = min;
        Max = max;
        Step = step;
    }

    /// <summary>The axis start.</summary>
    public double Min { get; }

    /// <summary>The axis end.</summary>
    public double Max { get; }

    /// <summary>The distance between ticks.</summary>
    public double Step { get; }

    /// <summary>The tick values from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++)
            {
                yield return Min + i * Step;
            }
        }
    }

    /// <summary>
    /// An axis covering every finite value of <paramref name="values"/>, from zero when <paramref name="fromZero"/>, with
    /// <paramref name="margin"/> of the range added on each side (so markers at the extremes are not cut by the edges).
    /// </summary>
    public static LinearAxis Covering(IEnumerable<double> values, bool fromZero, double margin = 0)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var low = finite.Count > 0 ? finite.Min() : 0;
        var high = finite.Count > 0 ? finite.Max() : 1;
        if (fromZero)
        {
            low = Math.Min(low, 0);
            high = Math.Max(high, 0);
        }
        if (high - low <= Math.Abs(high) * 1e-9)
        {
            // One value (or all equal): give it room on both sides so it sits inside the plot.
            var pad = high == 0 ? 1 : Math.Abs(high) * 0.1;
            low = fromZero && low >= 0 ? 0 : low - pad;
            high += pad;
        }
        var room = (high - low) * margin;
        low = fromZero && low >= 0 ? Math.Max(0, low - room) : low - room;
        high += room;
        var step = NiceStep((high - low) / TargetTicks);
        return new LinearAxis(Math.Floor(low / step + 1e-9) * step, Math.Ceiling(high / step - 1e-9) * step, step);
    }

    /// <summary>Where <paramref name="value"/> falls between <paramref name="start"/> (at <see cref="Min"/>) and <paramref name="end"/> (at <see cref="Max"/>).</summary>
    public double Map(double value, double start, double end) => start + (value - Min) / (Max - Min) * (end - start);

    /// <summary>A tick's label with just the decimals the step needs, large values with an SI suffix.</summary>
    public string Label(double tick)
    {
        if (Math.Abs(tick) < Step * 1e-6)
        {
            return "0";
        }
        if (Math.Max(Math.Abs(Min), Math.Abs(Max)) >= 1e4)
        {
            return ReportNumbers.Count(tick);
        }
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));
        return tick.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var normalised = rough / magnitude;
        var nice = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
