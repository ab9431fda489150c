using System.Collections.Frozen;
using Shears.Engine.Ops;

namespace Shears.Engine;

/// <summary>The engine kernel of each standard operator.</summary>
internal static class KernelRegistry
{
    private static readonly FrozenDictionary<string, Func<KernelContext, OpKernel>> Factories = Build();

    /// <summary>Op types the engine can execute.</summary>
    public static IEnumerable<string> Supported => Factories.Keys;

    public static OpKernel Create(KernelContext context)
    {
        if (!context.Node.IsStandard || !Factories.TryGetValue(context.Node.OpType, out var factory))
        {
            var op = context.Node.IsStandard ? context.Node.OpType : $"{context.Node.Domain}.{context.Node.OpType}";
            throw new ShearsException($"node '{context.Node.DisplayName}': operator {op} is not supported by the Shears engine");
        }
        return factory(context);
    }

    private static FrozenDictionary<string, Func<KernelContext, OpKernel>> Build()
    {
        var table = new KernelTable();
        UnaryKernels.Register(table);
        BinaryKernels.Register(table);
        ViewKernels.Register(table);
        MatrixKernels.Register(table);
        MovementKernels.Register(table);
        ReductionKernels.Register(table);
        PoolingKernels.Register(table);
        NormalizationKernels.Register(table);
        ResamplingKernels.Register(table);
        SourceKernels.Register(table);
        TensorUtilityKernels.Register(table);
        ConvolutionKernels.Register(table);
        return table.ToFrozen();
    }
}
