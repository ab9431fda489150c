using Shears.IR;

namespace Shears.Models;

/// <summary>
/// A LeNet-style CNN: conv1 (1→32, 3×3) → ReLU → MaxPool 2×2 → conv2 (32→64, 3×3) → ReLU →
/// MaxPool 2×2 → Flatten (1600) → fc1 (→128) → ReLU → fc2 (→10).
/// </summary>
public static class LeNetCnn
{
    /// <summary>Builds the network with fresh PyTorch-like initial weights drawn from <paramref name="seed"/> (same seed, same weights).</summary>
    /// <param name="seed">Seeds the initial weights; each parameter draws from its own stream, keyed by its name.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    /// <returns>An opset-17 model with input <c>input</c> [batch, C, H, W] and output <c>logits</c> [batch, classes], its architecture and seed in the metadata.</returns>
    /// <exception cref="ShearsException">The options cannot build a network.</exception>
    public static Model Build(int seed = 0, CnnOptions? options = null)
    {
        options ??= new CnnOptions();
        options.Validate();
        var k = options.KernelSize;
        var net = new NetworkBuilder("cnn", seed);
        var x = net.Input(options.InputShape);
        x = net.MaxPool(net.Relu(net.Conv(x, "conv1", options.InputShape.Channels, options.Conv1Channels, k), "relu1"), "pool1", 2);
        x = net.MaxPool(net.Relu(net.Conv(x, "conv2", options.Conv1Channels, options.Conv2Channels, k), "relu2"), "pool2", 2);
        x = net.Flatten(x, "flatten");
        x = net.Relu(net.Linear(x, "fc1", options.FlattenedFeatures, options.HiddenWidth), "relu3");
        var logits = net.Linear(x, "fc2", options.HiddenWidth, options.ClassCount, NetworkBuilder.OutputName);
        return net.ToModel(logits, options.ClassCount, Architecture.Cnn,
            $"LeNet-style CNN: conv {options.Conv1Channels}, conv {options.Conv2Channels}, fc {options.FlattenedFeatures}-{options.HiddenWidth}-{options.ClassCount}");
    }
}
