using Shears.Engine;
using Shears.Engine.Kernels;

namespace Shears.Tests.Engine.Kernels;

public class AllocationTests
{
    [Fact]
    public void Gemm_and_convolution_do_not_allocate_once_warm()
    {
        // Small enough to stay on this thread, where the allocation counter looks.
        var a = new float[40 * 300];
        var b = new float[300 * 50];
        var c = new float[40 * 50];
        var g = new ConvGeometry(2, 4, 9, 9, 6, 3, 3) { PadTop = 1, PadLeft = 1, PadBottom = 1, PadRight = 1 };
        var depthwise = new ConvGeometry(2, 4, 9, 9, 4, 3, 3) { Groups = 4, StrideWidth = 2 };
        var x = new float[g.InputLength];
        var w = new float[g.WeightLength];
        var y = new float[g.OutputLength];
        var dw = new float[depthwise.WeightLength];
        var options = EngineOptions.Default;
        void Work()
        {
            Gemm.Multiply(MatrixOp.Identity, MatrixOp.Transpose, 40, 50, 300, a, b, c, options);
            Gemm.Multiply(MatrixOp.Transpose, MatrixOp.Identity, 3, 50, 300, a, b, c, options);
            Convolution.Forward(g, x, w, [], y, options);
            Convolution.BackwardInput(g, y, w, x, options);
            Convolution.BackwardWeight(g, x, y, w, options);
            Convolution.BackwardWeight(depthwise, x, y.AsSpan(0, (int)depthwise.OutputLength), dw, options);
        }
        Work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
