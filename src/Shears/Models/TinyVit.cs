using Shears.IR;

namespace Shears.Models;

/// <summary>
/// A tiny vision Transformer: a strided Conv cuts the image into patch tokens [batch, tokens, dim],
/// a learned positional embedding is added, pre-norm encoder blocks follow (multi-head
/// self-attention and a GELU MLP, each around a residual Add), then a final LayerNormalization,
/// the mean over tokens and a linear head. Q, K and V are separate projections so that heads can
/// later be pruned one projection at a time. Reshapes copy the batch with 0 so it stays dynamic.
/// </summary>
public static class TinyVit
{
    /// <summary>Standard deviation of the positional embedding's initial values.</summary>
    private const float EmbeddingInitStd = 0.02f;

    /// <summary>Builds the network with fresh PyTorch-like initial weights drawn from <paramref name="seed"/> (same seed, same weights).</summary>
    /// <param name="seed">Seeds the initial weights; each parameter draws from its own stream, keyed by its name.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    /// <returns>An opset-17 model with input <c>input</c> [batch, C, H, W] and output <c>logits</c> [batch, classes], its architecture and seed in the metadata.</returns>
    /// <exception cref="ShearsException">The options cannot build a network.</exception>
    public static Model Build(int seed = 0, VitOptions? options = null)
    {
        options ??= new VitOptions();
        options.Validate();
        var dim = options.EmbeddingDim;
        var net = new NetworkBuilder("vit", seed);
        var x = net.Input(options.InputShape);
        x = net.Conv(x, "patch_embed", options.InputShape.Channels, dim, options.PatchSize, options.PatchSize);
        x = net.Node("Reshape", "patch_embed/flatten", [x, net.Int64s("patch_embed/flatten.shape", 0, dim, -1)]);
        x = net.Node("Transpose", "patch_embed/transpose", [x], NodeAttribute.Of("perm", 0L, 2, 1));
        var positions = net.Normal("pos_embed", [1, options.TokenCount, dim], EmbeddingInitStd);
        x = net.Add(x, positions, "pos_embed/add");
        for (var block = 0; block < options.Depth; block++)
        {
            x = EncoderBlock(net, x, $"blocks.{block}", options);
        }
        x = net.LayerNorm(x, "norm", dim);
        x = net.Node("ReduceMean", "pool", [x], NodeAttribute.Of("axes", [1L]), NodeAttribute.Of("keepdims", 0L));
        var logits = net.Linear(x, "head", dim, options.ClassCount, NetworkBuilder.OutputName);
        return net.ToModel(logits, options.ClassCount, Architecture.Vit,
            $"ViT: patch {options.PatchSize}, dim {dim}, depth {options.Depth}, {options.HeadCount} heads, MLP {options.MlpWidth}");
    }

    private static string EncoderBlock(NetworkBuilder net, string input, string name, VitOptions options)
    {
        var attended = SelfAttention(net, net.LayerNorm(input, $"{name}.norm1", options.EmbeddingDim), $"{name}.attn", options);
        var x = net.Add(input, attended, $"{name}.residual1");
        var hidden = net.MatMulLinear(net.LayerNorm(x, $"{name}.norm2", options.EmbeddingDim), $"{name}.mlp.fc1", options.EmbeddingDim, options.MlpWidth);
        hidden = net.Gelu(hidden, $"{name}.mlp.gelu");
        hidden = net.MatMulLinear(hidden, $"{name}.mlp.fc2", options.MlpWidth, options.EmbeddingDim);
        return net.Add(x, hidden, $"{name}.residual2");
    }

    /// <summary>softmax(Q·Kᵀ/√d)·V per head, heads merged back and projected; input and output [batch, tokens, dim].</summary>
    private static string SelfAttention(NetworkBuilder net, string input, string name, VitOptions options)
    {
        var dim = options.EmbeddingDim;
        // [batch, heads, tokens, headDim] for Q and V; K goes straight to [batch, heads, headDim, tokens].
        var q = SplitHeads(net, net.MatMulLinear(input, $"{name}.q", dim, dim), $"{name}.q", options, [0, 2, 1, 3]);
        var k = SplitHeads(net, net.MatMulLinear(input, $"{name}.k", dim, dim), $"{name}.k", options, [0, 2, 3, 1]);
        var v = SplitHeads(net, net.MatMulLinear(input, $"{name}.v", dim, dim), $"{name}.v", options, [0, 2, 1, 3]);
        var scores = net.Node("MatMul", $"{name}.scores", [q, k]);
        scores = net.Node("Mul", $"{name}.scale", [scores, net.Scalar($"{name}.scale.value", 1 / MathF.Sqrt(options.HeadDim))]);
        var weights = net.Node("Softmax", $"{name}.softmax", [scores], NodeAttribute.Of("axis", -1L));
        var context = net.Node("MatMul", $"{name}.context", [weights, v]);
        context = net.Node("Transpose", $"{name}.merge_heads/transpose", [context], NodeAttribute.Of("perm", 0L, 2, 1, 3));
        context = net.Node("Reshape", $"{name}.merge_heads/reshape", [context, net.Int64s($"{name}.merge_heads.shape", 0, 0, dim)]);
        return net.MatMulLinear(context, $"{name}.proj", dim, dim);
    }

    private static string SplitHeads(NetworkBuilder net, string projected, string name, VitOptions options, long[] perm)
    {
        var shape = net.Int64s($"{name}.split_heads.shape", 0, 0, options.HeadCount, options.HeadDim);
        var split = net.Node("Reshape", $"{name}/split_heads", [projected, shape]);
        return net.Node("Transpose", $"{name}/transpose", [split], NodeAttribute.Of("perm", perm));
    }
}
