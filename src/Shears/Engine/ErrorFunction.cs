namespace Shears.Engine;

/// <summary>The error function in double precision (accurate to about 1e-7 relative, enough for float32 results).</summary>
internal static class ErrorFunction
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    public static double Erf(double x)
    {
        var z = Math.Abs(x);
        if (z < 0.5)
        {
            // Maclaurin series: alternating terms shrink fast below 0.5.
            var x2 = x * x;
            var term = x;
            var sum = x;
            for (var n = 1; n < 12; n++)
            {
                term *= -x2 / n;
                sum += term / ((2 * n) + 1);
            }
            return TwoOverSqrtPi * sum;
        }
        var erfc = Erfc(z);
        return x >= 0 ? 1 - erfc : erfc - 1;
    }

    /// <summary>Complementary error function for z ≥ 0 (Chebyshev-fitted exponent, fractional error below 1.2e-7).</summary>
    private static double Erfc(double z)
    {
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = -z * z - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        return t * Math.Exp(poly);
    }
}
