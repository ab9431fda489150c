namespace Shears.Hardware.Latency;

/// <summary>Activations runtimes fuse into the convolution before them.</summary>
public enum FusedActivation
{
    Relu,

    /// <summary>Clip to a range, as ReLU6 is exported.</summary>
    Clip,

    LeakyRelu,

    HardSigmoid,

    Sigmoid,

    Tanh,
}
