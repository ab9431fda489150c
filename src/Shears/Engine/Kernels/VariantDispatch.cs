using System.Runtime.Intrinsics;

namespace Shears.Engine.Kernels;

/// <summary>The one place a <see cref="KernelVariant"/> turns into its arithmetic struct.</summary>
internal static class VariantDispatch
{
    public static void Run<TAction>(KernelVariant variant, ref TAction action)
        where TAction : struct, IVariantAction
    {
        switch (variant)
        {
            case KernelVariant.Avx512:
                action.Run<Avx512Ops, Vector512<float>>();
                break;
            case KernelVariant.Avx2Fma:
                action.Run<Avx2FmaOps, Vector256<float>>();
                break;
            case KernelVariant.Vector128:
                action.Run<Vector128Ops, Vector128<float>>();
                break;
            case KernelVariant.Scalar:
                action.Run<ScalarOps, float>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
        }
    }
}
