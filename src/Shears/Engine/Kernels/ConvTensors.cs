namespace Shears.Engine.Kernels;

/// <summary>
/// The operands of one convolution call as raw pointers. Whichever tensor the pass computes is
/// written; the others are read. Lives on the caller's stack while parts run on other threads.
/// </summary>
internal unsafe struct ConvTensors
{
    public ConvGeometry Geometry;
    public KernelVariant Variant;
    public bool ReadRowMajorA;
    public float* Input;
    public float* Weight;
    public float* Bias;
    public float* Output;
    public float* InputGradient;
    public float* WeightGradient;
    public float* OutputGradient;
}
