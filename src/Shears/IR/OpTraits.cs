using System.Collections.Frozen;

namespace Shears.IR;

/// <summary>The family of each standard ONNX operator Shears understands.</summary>
public static class OpTraits
{
    private static readonly FrozenDictionary<string, OpCategory> Categories = Build();

    /// <summary>Every op type Shears has a rule for, by family.</summary>
    public static IReadOnlyDictionary<string, OpCategory> All => Categories;

    /// <summary>The node's family; <see cref="OpCategory.Unknown"/> for operators outside the standard domain or without a rule.</summary>
    public static OpCategory CategoryOf(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.IsStandard ? CategoryOf(node.OpType) : OpCategory.Unknown;
    }

    /// <summary>The family of a standard-domain op type; <see cref="OpCategory.Unknown"/> when Shears has no rule for it.</summary>
    public static OpCategory CategoryOf(string opType) =>
        Categories.TryGetValue(opType, out var category) ? category : OpCategory.Unknown;

    /// <summary>Whether the op type works element by element (unary, or binary with broadcasting), so channels pass through it unchanged.</summary>
    public static bool IsElementwise(string opType) =>
        CategoryOf(opType) is OpCategory.ElementwiseUnary or OpCategory.ElementwiseBroadcast;

    private static FrozenDictionary<string, OpCategory> Build()
    {
        var map = new Dictionary<string, OpCategory>(StringComparer.Ordinal);
        void Add(OpCategory category, params string[] ops)
        {
            foreach (var op in ops)
            {
                map.Add(op, category);
            }
        }

        Add(OpCategory.ElementwiseUnary,
            "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "ThresholdedRelu", "Sigmoid", "HardSigmoid", "HardSwish",
            "Tanh", "Gelu", "Erf", "Softplus", "Softsign", "Mish", "Clip", "Identity", "Dropout", "Cast", "CastLike",
            "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Not",
            "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
            "IsNaN", "IsInf", "QuantizeLinear", "DequantizeLinear", "Shrink", "BitwiseNot");
        Add(OpCategory.ElementwiseBroadcast,
            "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Sum", "Mean", "Equal", "Less", "Greater",
            "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Where", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor");
        Add(OpCategory.Convolution, "Conv", "ConvTranspose");
        Add(OpCategory.MatrixMultiply, "MatMul", "Gemm");
        Add(OpCategory.Normalization,
            "BatchNormalization", "LayerNormalization", "InstanceNormalization", "GroupNormalization", "LRN",
            "LpNormalization", "MeanVarianceNormalization");
        Add(OpCategory.Pooling, "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
        Add(OpCategory.Reduction,
            "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
            "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin");
        Add(OpCategory.AxisMixing, "Softmax", "LogSoftmax", "Hardmax", "CumSum", "Trilu");
        Add(OpCategory.Movement,
            "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Expand", "Concat", "Split", "Slice",
            "Gather", "GatherElements", "GatherND", "Tile", "Pad", "DepthToSpace", "SpaceToDepth",
            "ScatterND", "ScatterElements", "Scatter");
        Add(OpCategory.Source, "Shape", "Size", "Constant", "ConstantOfShape", "Range", "NonZero", "OneHot", "EyeLike",
            "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike");
        Add(OpCategory.Resampling, "Resize", "Upsample");
        Add(OpCategory.ControlFlow, "If", "Loop", "Scan");
        Add(OpCategory.Other, "Einsum", "TopK");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
