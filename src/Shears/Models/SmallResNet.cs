using Shears.IR;

namespace Shears.Models;

/// <summary>
/// A small ResNet: stem (conv 3×3, BatchNormalization, ReLU), stages of basic blocks
/// (conv-BN-ReLU-conv-BN plus a shortcut, then ReLU; the shortcut is a 1×1 conv and BN where the
/// shape changes), then GlobalAveragePool → Flatten → fc. BatchNormalization stays in the graph
/// in inference form.
/// </summary>
public static class SmallResNet
{
    /// <summary>Builds the network with fresh PyTorch-like initial weights drawn from <paramref name="seed"/> (same seed, same weights).</summary>
    /// <param name="seed">Seeds the initial weights; each parameter draws from its own stream, keyed by its name.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    /// <returns>An opset-17 model with input <c>input</c> [batch, C, H, W] and output <c>logits</c> [batch, classes], its architecture and seed in the metadata.</returns>
    /// <exception cref="ShearsException">The options cannot build a network.</exception>
    public static Model Build(int seed = 0, ResNetOptions? options = null)
    {
        options ??= new ResNetOptions();
        options.Validate();
        var net = new NetworkBuilder("resnet", seed);
        var channels = options.StageChannels[0];
        var x = net.Input(options.InputShape);
        x = net.Conv(x, "stem.conv", options.InputShape.Channels, channels, 3, padding: 1, bias: false);
        x = net.Relu(net.BatchNorm(x, "stem.bn", channels), "stem.relu");
        for (var stage = 0; stage < options.StageChannels.Count; stage++)
        {
            for (var block = 0; block < options.BlocksPerStage; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                var outChannels = options.StageChannels[stage];
                x = BasicBlock(net, x, $"layer{stage + 1}.{block}", channels, outChannels, stride);
                channels = outChannels;
            }
        }
        x = net.Flatten(net.Node("GlobalAveragePool", "pool", [x]), "flatten");
        var logits = net.Linear(x, "fc", channels, options.ClassCount, NetworkBuilder.OutputName);
        return net.ToModel(logits, options.ClassCount, Architecture.ResNet,
            $"ResNet: stages [{string.Join(", ", options.StageChannels)}], {options.BlocksPerStage} basic block(s) each");
    }

    private static string BasicBlock(NetworkBuilder net, string input, string name, int inChannels, int outChannels, int stride)
    {
        var x = net.Conv(input, $"{name}.conv1", inChannels, outChannels, 3, stride, padding: 1, bias: false);
        x = net.Relu(net.BatchNorm(x, $"{name}.bn1", outChannels), $"{name}.relu1");
        x = net.Conv(x, $"{name}.conv2", outChannels, outChannels, 3, padding: 1, bias: false);
        x = net.BatchNorm(x, $"{name}.bn2", outChannels);
        var shortcut = input;
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = net.Conv(input, $"{name}.shortcut.conv", inChannels, outChannels, 1, stride, bias: false);
            shortcut = net.BatchNorm(shortcut, $"{name}.shortcut.bn", outChannels);
        }
        return net.Relu(net.Add(x, shortcut, $"{name}.add"), $"{name}.relu2");
    }
}
