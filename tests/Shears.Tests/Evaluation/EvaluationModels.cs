using Shears.IR;

namespace Shears.Tests.Evaluation;

/// <summary>Tiny models whose outputs are known without running them.</summary>
internal static class EvaluationModels
{
    public const int Classes = 3;

    public const string LogitsOutput = "logits";

    public const string NegatedOutput = "negated";

    /// <summary>
    /// x[N,3] → Gemm with the identity matrix → "logits" (= x), and Neg → "negated" (= −x): the
    /// logits are whatever the data says, so accuracy and loss can be worked out by hand.
    /// </summary>
    public static Model Identity()
    {
        var builder = new GraphBuilder("identity");
        var x = builder.Input("x", DataType.Float, Dim.Named("N"), Dim.Of(Classes));
        var eye = builder.Initializer("eye", [Classes, Classes], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        var zero = builder.Initializer("zero", [Classes], [0, 0, 0]);
        var gemm = builder.AddNode(new Node("Gemm", [x, eye, zero], [LogitsOutput], "gemm"));
        gemm.Attributes.Add(NodeAttribute.Of("transB", 1L));
        builder.AddNode(new Node("Neg", [LogitsOutput], [NegatedOutput], "neg"));
        builder.Output(LogitsOutput);
        builder.Output(NegatedOutput);
        return builder.ToModel(13);
    }
}
