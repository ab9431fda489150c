using System.Collections.Frozen;
using Shears.IR.Inference.Rules;

namespace Shears.IR.Inference;

/// <summary>The shape rule of each standard operator.</summary>
internal static class ShapeRules
{
    private static readonly FrozenDictionary<string, Action<InferenceContext>> Table = Build();

    public static Action<InferenceContext>? Find(string opType) => Table.GetValueOrDefault(opType);

    /// <summary>Op types that have a shape rule.</summary>
    public static IEnumerable<string> Known => Table.Keys;

    private static FrozenDictionary<string, Action<InferenceContext>> Build()
    {
        var table = new RuleTable();
        ElementwiseRules.Register(table);
        ConvolutionRules.Register(table);
        PoolingRules.Register(table);
        NormalizationRules.Register(table);
        MatrixRules.Register(table);
        ReshapeRules.Register(table);
        CombineRules.Register(table);
        IndexingRules.Register(table);
        SourceRules.Register(table);
        ReductionRules.Register(table);
        ResamplingRules.Register(table);
        EinsumRules.Register(table);
        return table.ToFrozen();
    }
}
