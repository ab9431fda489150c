using Shears.IR;

namespace Shears.Models;

/// <summary>The seed model: Flatten → fc1 (Gemm) → ReLU → fc2 (Gemm) → logits; 784-128-10 by default.</summary>
public static class Mlp
{
    /// <summary>Builds the network with fresh PyTorch-like initial weights drawn from <paramref name="seed"/> (same seed, same weights).</summary>
    /// <param name="seed">Seeds the initial weights; each parameter draws from its own stream, keyed by its name.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    /// <returns>An opset-17 model with input <c>input</c> [batch, C, H, W] and output <c>logits</c> [batch, classes], its architecture and seed in the metadata.</returns>
    /// <exception cref="ShearsException">The options cannot build a network.</exception>
    public static Model Build(int seed = 0, MlpOptions? options = null)
    {
        options ??= new MlpOptions();
        options.Validate();
        var inputs = options.InputShape.Size;
        var net = new NetworkBuilder("mlp", seed);
        var x = net.Flatten(net.Input(options.InputShape), "flatten");
        x = net.Relu(net.Linear(x, "fc1", inputs, options.HiddenWidth), "relu");
        var logits = net.Linear(x, "fc2", options.HiddenWidth, options.ClassCount, NetworkBuilder.OutputName);
        return net.ToModel(logits, options.ClassCount, Architecture.Mlp,
            $"MLP {inputs}-{options.HiddenWidth}-{options.ClassCount} with ReLU");
    }
}
