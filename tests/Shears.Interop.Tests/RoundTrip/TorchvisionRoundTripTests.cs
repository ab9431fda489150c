using Shears.Interop.Tests.Infrastructure;

namespace Shears.Interop.Tests.RoundTrip;

/// <summary>torchvision classifiers: read, write, and ONNX Runtime must give bit-identical outputs.</summary>
public sealed class TorchvisionRoundTripTests
{
    [Theory]
    [InlineData("resnet18", 13)]
    [InlineData("resnet18", 11)]
    [InlineData("resnet18", 17)]
    [InlineData("mobilenet_v2", 13)]
    [InlineData("densenet121", 13)]
    // At opset 9 the exporter leaves DenseNet's pre-activation BatchNormalization nodes (with the
    // momentum attribute of that era) unfolded, and pads with the attribute form of Pad.
    [InlineData("densenet121", 9)]
    [InlineData("vit_b_16", 13)]
    public void Round_trip_keeps_outputs_identical(string name, int opset) =>
        RoundTripCheck.AssertOutputsIdentical(new ZooModel(name, opset));
}
