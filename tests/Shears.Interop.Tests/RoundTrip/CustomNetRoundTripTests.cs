using Shears.Interop.Tests.Infrastructure;

namespace Shears.Interop.Tests.RoundTrip;

/// <summary>The exporter's small custom nets, chosen for the operators they bring.</summary>
public sealed class CustomNetRoundTripTests
{
    [Theory]
    // Upsample with a scales input and the opset-9 operator set.
    [InlineData("upsample_net", 9)]
    [InlineData("upsample_net", 13)]
    // Int64 token ids through Gather, attention built from MatMul/Softmax, LayerNorm decomposed, Erf GELU.
    [InlineData("transformer_encoder", 13)]
    [InlineData("convtranspose_net", 13)]
    [InlineData("mlp_784", 13)]
    public void Round_trip_keeps_outputs_identical(string name, int opset) =>
        RoundTripCheck.AssertOutputsIdentical(new ZooModel(name, opset));
}
