namespace Shears.Hardware.Latency;

/// <summary>Activations runtimes fuse into the convolution before them.</summary>
public enum FusedActivation
{
    /// <summary>Rectified linear unit, max(x, 0).</summary>
    Relu,

    /// <summary>Clip to a range, as ReLU6 is exported.</summary>
    Clip,

    /// <summary>ReLU with a small slope for negative inputs.</summary>
    LeakyRelu,

    /// <summary>Piecewise-linear sigmoid, clip(αx + β, 0, 1).</summary>
    HardSigmoid,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
}
