using Shears.IR;

namespace Shears.Tests.Engine;

public sealed class MatrixGradientTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    public void Gemm_gradients_for_every_transpose(int transA, int transB)
    {
        var b = new GraphBuilder();
        var a = b.Input("a", transA == 1 ? [5, 3] : [3, 5]);
        var w = b.Initializer(GradientCheck.RandomWeight("w", 1, transB == 1 ? [4, 5] : [5, 4]));
        var c = b.Initializer(GradientCheck.RandomWeight("c", 2, 4));
        b.Output(b.Add("Gemm", [a, w, c], NodeAttribute.Of("transA", (long)transA), NodeAttribute.Of("transB", (long)transB),
            NodeAttribute.Of("alpha", 0.7f), NodeAttribute.Of("beta", 1.3f)));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["a"] = GradientCheck.RandomData(15, 3) });
    }

    [Fact]
    public void MatMul_with_shared_weight_and_with_broadcast_batches()
    {
        var b = new GraphBuilder();
        var x = b.Input("x", 2, 3, 4);
        var w = b.Initializer(GradientCheck.RandomWeight("w", 4, 4, 5));
        var y = b.Add("MatMul", [x, w]);
        var k = b.Initializer(GradientCheck.RandomWeight("k", 5, 1, 5, 2));
        b.Output(b.Add("MatMul", [y, k]));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(24, 9) });
    }

    [Fact]
    public void Batched_attention_style_matmul_of_two_activations()
    {
        var b = new GraphBuilder();
        var q = b.Input("q", 2, 3, 4);
        var k = b.Input("k", 2, 4, 3);
        b.Output(b.Add("MatMul", [q, k]));
        GradientCheck.Verify(b.ToModel(), new Dictionary<string, float[]>
        {
            ["q"] = GradientCheck.RandomData(24, 10),
            ["k"] = GradientCheck.RandomData(24, 11),
        });
    }
}
