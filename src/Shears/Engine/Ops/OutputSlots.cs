using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Optional outputs: allocated when the node names them, an empty placeholder otherwise.</summary>
internal static class OutputSlots
{
    public static bool IsWanted(OpExecutorContext context, int index) =>
        index < context.Node.Outputs.Count && context.Node.Outputs[index].Length > 0;

    public static EngineTensor NewOrEmpty(OpExecutorContext context, int index) =>
        IsWanted(context, index) ? context.NewOutput(index) : EngineTensor.Zeros(DataType.Float, [0]);
}
