using Shears.IR;

namespace Shears.Models;

/// <summary>The seed model: Flatten → fc1 (Gemm) → ReLU → fc2 (Gemm) → logits; 784-128-10 by default.</summary>
public static class Mlp
{
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
