namespace Shears.Engine.Kernels;

/// <summary>Which of the three convolution computations a kernel call performs.</summary>
internal enum ConvPass
{
    /// <summary>Output from input and weight.</summary>
    Forward,

    /// <summary>Input gradient from output gradient and weight.</summary>
    BackwardInput,

    /// <summary>Weight gradient from input and output gradient.</summary>
    BackwardWeight,

    /// <summary>Both gradients in one pass over the output gradient.</summary>
    Backward,
}
