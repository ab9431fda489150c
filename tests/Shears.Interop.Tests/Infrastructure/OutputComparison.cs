using Shears.IR;
using Shears.OnnxRuntime;

namespace Shears.Interop.Tests.Infrastructure;

/// <summary>Assertions over the outputs of two runs that should agree.</summary>
internal static class OutputComparison
{
    /// <summary>
    /// Asserts both runs produced the same outputs (names, types, shapes) and returns the largest
    /// absolute difference over all elements; NaN in one place and not the other counts as infinite.
    /// </summary>
    public static double MaxAbsDifference(RunOutputs expected, RunOutputs actual)
    {
        Assert.Equal(expected.Select(t => t.Name), actual.Select(t => t.Name));
        var worst = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.ElementType, a.ElementType);
            Assert.Equal(e.Dims.ToArray(), a.Dims.ToArray());
            var (ev, av) = (e.ToDoubles(), a.ToDoubles());
            for (var j = 0; j < ev.Length; j++)
            {
                var difference = double.IsNaN(ev[j]) && double.IsNaN(av[j]) ? 0
                    : double.IsNaN(ev[j]) || double.IsNaN(av[j]) ? double.PositiveInfinity
                    : Math.Abs(ev[j] - av[j]);
                worst = Math.Max(worst, difference);
            }
        }
        return worst;
    }

    /// <summary>Asserts a float output is finite and not constant, so comparing it can catch a wrong model.</summary>
    public static void AssertInformative(Tensor output)
    {
        var values = output.ToDoubles();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.True(double.IsFinite(v), $"output '{output.Name}' has a non-finite value"));
        Assert.True(values.Max() > values.Min(), $"output '{output.Name}' is constant ({values[0]}); comparing it would prove little");
    }
}
