using Shears.IR;

namespace Shears.Tests.Models;

/// <summary>
/// Plain scalar forward passes of the MLP and CNN, written from the layer definitions rather than
/// the ONNX graph, so agreement with ONNX Runtime shows the weights are laid out as intended.
/// </summary>
internal static class ReferenceForward
{
    public static float[] Mlp(Model model, float[] images, int batch)
    {
        var hidden = Relu(Linear(model, "fc1", images, batch));
        return Linear(model, "fc2", hidden, batch);
    }

    public static float[] Cnn(Model model, float[] images, int batch)
    {
        var (x, channels, side) = (images, 1, 28);
        (x, channels, side) = Conv(model, "conv1", x, batch, channels, side);
        (x, side) = MaxPool2(Relu(x), batch * channels, side);
        (x, channels, side) = Conv(model, "conv2", x, batch, channels, side);
        (x, _) = MaxPool2(Relu(x), batch * channels, side);
        var hidden = Relu(Linear(model, "fc1", x, batch));
        return Linear(model, "fc2", hidden, batch);
    }

    private static float[] Weights(Model model, string name) => model.Graph.FindInitializer(name)!.ToFloats();

    /// <summary>y = x·Wᵀ + b with W stored [out, in], as PyTorch's Linear.</summary>
    private static float[] Linear(Model model, string layer, float[] x, int batch)
    {
        var w = Weights(model, layer + ".weight");
        var b = Weights(model, layer + ".bias");
        var outFeatures = b.Length;
        var inFeatures = w.Length / outFeatures;
        var y = new float[batch * outFeatures];
        for (var n = 0; n < batch; n++)
        {
            for (var o = 0; o < outFeatures; o++)
            {
                double sum = b[o];
                for (var i = 0; i < inFeatures; i++)
                {
                    sum += (double)x[(n * inFeatures) + i] * w[(o * inFeatures) + i];
                }
                y[(n * outFeatures) + o] = (float)sum;
            }
        }
        return y;
    }

    /// <summary>Valid (unpadded), stride-1 convolution of square images with weight [out, in, k, k].</summary>
    private static (float[] Y, int Channels, int Side) Conv(Model model, string layer, float[] x, int batch, int inChannels, int side)
    {
        var weight = model.Graph.FindInitializer(layer + ".weight")!;
        var w = weight.ToFloats();
        var b = Weights(model, layer + ".bias");
        var (outChannels, k) = ((int)weight.Dims[0], (int)weight.Dims[2]);
        var outSide = side - k + 1;
        var y = new float[batch * outChannels * outSide * outSide];
        for (var n = 0; n < batch; n++)
        {
            for (var o = 0; o < outChannels; o++)
            {
                for (var r = 0; r < outSide; r++)
                {
                    for (var c = 0; c < outSide; c++)
                    {
                        double sum = b[o];
                        for (var i = 0; i < inChannels; i++)
                        {
                            for (var dr = 0; dr < k; dr++)
                            {
                                for (var dc = 0; dc < k; dc++)
                                {
                                    sum += (double)x[(((n * inChannels) + i) * side * side) + ((r + dr) * side) + c + dc]
                                        * w[(((o * inChannels) + i) * k * k) + (dr * k) + dc];
                                }
                            }
                        }
                        y[(((n * outChannels) + o) * outSide * outSide) + (r * outSide) + c] = (float)sum;
                    }
                }
            }
        }
        return (y, outChannels, outSide);
    }

    /// <summary>2×2 max pooling with stride 2, dropping an odd last row and column.</summary>
    private static (float[] Y, int Side) MaxPool2(float[] x, int planes, int side)
    {
        var outSide = side / 2;
        var y = new float[planes * outSide * outSide];
        for (var p = 0; p < planes; p++)
        {
            for (var r = 0; r < outSide; r++)
            {
                for (var c = 0; c < outSide; c++)
                {
                    var at = (p * side * side) + (2 * r * side) + (2 * c);
                    y[(p * outSide * outSide) + (r * outSide) + c] = Math.Max(Math.Max(x[at], x[at + 1]), Math.Max(x[at + side], x[at + side + 1]));
                }
            }
        }
        return (y, outSide);
    }

    private static float[] Relu(float[] x) => [.. x.Select(v => Math.Max(v, 0f))];
}
