using System.Collections.Frozen;
using Shears.Engine.Ops;

namespace Shears.Engine;

/// <summary>The op executor of each standard operator.</summary>
internal static class OpExecutorRegistry
{
    private static readonly FrozenDictionary<string, Func<OpExecutorContext, OpExecutor>> Factories = Build();

    /// <summary>Op types the engine can execute.</summary>
    public static IEnumerable<string> Supported => Factories.Keys;

    public static OpExecutor Create(OpExecutorContext context)
    {
        if (!context.Node.IsStandard || !Factories.TryGetValue(context.Node.OpType, out var factory))
        {
            var op = context.Node.IsStandard ? context.Node.OpType : $"{context.Node.Domain}.{context.Node.OpType}";
            throw new ShearsException($"node '{context.Node.DisplayName}': operator {op} is not supported by the Shears engine");
        }
        return factory(context);
    }

    private static FrozenDictionary<string, Func<OpExecutorContext, OpExecutor>> Build()
    {
        var table = new OpExecutorTable();
        UnaryExecutors.Register(table);
        BinaryExecutors.Register(table);
        ViewExecutors.Register(table);
        MatrixExecutors.Register(table);
        MovementExecutors.Register(table);
        ReductionExecutors.Register(table);
        PoolingExecutors.Register(table);
        NormalizationExecutors.Register(table);
        ResamplingExecutors.Register(table);
        SourceExecutors.Register(table);
        TensorUtilityExecutors.Register(table);
        ConvolutionExecutors.Register(table);
        return table.ToFrozen();
    }
}
