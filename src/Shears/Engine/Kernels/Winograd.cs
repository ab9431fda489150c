namespace Shears.Engine.Kernels;

/// <summary>
/// Winograd's minimal filtering F(2×2, 3×3) for 3×3 stride-1 convolutions: a 2×2 block of outputs
/// comes from a 4×4 input tile d and a 3×3 filter g as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, 16
/// multiplications instead of 36. With Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],
/// G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1] and Aᵀ = [1 1 1 0; 0 1 −1 −1] every transform is additions
/// (and halvings of the filter), so the only rounding beyond the direct sum is a few additions.
/// </summary>
internal static class Winograd
{
    /// <summary>Positions of the 4×4 transform domain; each is one GEMM over channels.</summary>
    public const int Positions = 16;

    /// <summary>
    /// Fewest input and output channels worth the transforms: with 16 or fewer the channel GEMMs
    /// are too narrow for the packed kernel and fall to the dot-product path (a 16→16 layer on
    /// 28×28 measured 4.4× slower than im2col).
    /// </summary>
    public const int MinChannels = SmallRowsGemm<ScalarOps, float>.MaxRows + 1;

    /// <summary>Whether the convolution's three passes can run this way.</summary>
    public static bool Fits(ConvGeometry g) =>
        g.KernelHeight == 3 && g.KernelWidth == 3 && g.StrideHeight == 1 && g.StrideWidth == 1 &&
        g.DilationHeight == 1 && g.DilationWidth == 1 && g.Groups == 1 &&
        g.InChannels >= MinChannels && g.OutChannels >= MinChannels &&
        PadFits(g.PadTop) && PadFits(g.PadBottom) && PadFits(g.PadLeft) && PadFits(g.PadRight);

    /// <summary>
    /// U = G g Gᵀ for every (output, input) channel pair of a forward weight (outputs × inputs × 3 × 3),
    /// stored as 16 matrices U[ξ] of inputs × outputs.
    /// </summary>
    public static unsafe void TransformWeights(float* weight, int outputs, int inputs, float* transformed)
    {
        var t = stackalloc float[12];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                var g = weight + ((((long)o * inputs) + i) * 9);
                // t = G g (4 × 3), then U = t Gᵀ (4 × 4).
                for (var column = 0; column < 3; column++)
                {
                    var (g0, g1, g2) = (g[column], g[3 + column], g[6 + column]);
                    t[column] = g0;
                    t[3 + column] = 0.5f * (g0 + g1 + g2);
                    t[6 + column] = 0.5f * (g0 - g1 + g2);
                    t[9 + column] = g2;
                }
                for (var row = 0; row < 4; row++)
                {
                    var (a, b, c) = (t[3 * row], t[(3 * row) + 1], t[(3 * row) + 2]);
                    var u = transformed + (((long)row * 4 * inputs) + i) * outputs + o;
                    var step = (long)outputs * inputs;
                    u[0] = a;
                    u[step] = 0.5f * (a + b + c);
                    u[2 * step] = 0.5f * (a - b + c);
                    u[3 * step] = c;
                }
            }
        }
    }

    /// <summary>
    /// ∂L/∂g = Gᵀ (∂L/∂U) G for every filter: the adjoint of <see cref="TransformWeights"/>, from
    /// 16 matrices of inputs × outputs into the forward weight layout (outputs × inputs × 3 × 3).
    /// </summary>
    public static unsafe void GradientToWeights(float* transformedGradient, int outputs, int inputs, float* weightGradient)
    {
        var step = (long)inputs * outputs;
        var t = stackalloc float[12];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                var du = transformedGradient + ((long)i * outputs) + o;
                // t = Gᵀ dU (3 × 4): rows (u0 + ½u1 + ½u2, ½u1 − ½u2, ½u1 + ½u2 + u3) of each column.
                for (var column = 0; column < 4; column++)
                {
                    var (u0, u1, u2, u3) = (du[column * step], du[(4 + column) * step], du[(8 + column) * step], du[(12 + column) * step]);
                    t[column] = u0 + (0.5f * (u1 + u2));
                    t[4 + column] = 0.5f * (u1 - u2);
                    t[8 + column] = (0.5f * (u1 + u2)) + u3;
                }
                var filter = weightGradient + ((((long)o * inputs) + i) * 9);
                for (var row = 0; row < 3; row++)
                {
                    var (a, b, c, d) = (t[4 * row], t[(4 * row) + 1], t[(4 * row) + 2], t[(4 * row) + 3]);
                    filter[3 * row] = a + (0.5f * (b + c));
                    filter[(3 * row) + 1] = 0.5f * (b - c);
                    filter[(3 * row) + 2] = (0.5f * (b + c)) + d;
                }
            }
        }
    }

    private static bool PadFits(int pad) => pad is >= 0 and <= 2;
}
