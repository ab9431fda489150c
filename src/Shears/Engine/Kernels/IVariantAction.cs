namespace Shears.Engine.Kernels;

/// <summary>
/// Work that is written once, generic over a variant's arithmetic; <see cref="VariantDispatch"/>
/// runs it with the struct of the chosen variant so the JIT specialises it.
/// </summary>
internal interface IVariantAction
{
    void Run<TOps, TVector>()
        where TOps : unmanaged, ISimdOps<TVector>
        where TVector : unmanaged;
}
