using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>Compile-time checks executors share.</summary>
internal static class InputChecks
{
    /// <summary>Fails compilation unless input <paramref name="index"/> is a float tensor (the engine's compute type).</summary>
    public static void RequireFloat(OpExecutorContext context, int index = 0)
    {
        if (index >= context.Inputs.Length || context.Inputs[index] is null)
        {
            throw context.Fail($"required input {index} is not given");
        }
        if (context.Inputs[index]!.Type != DataType.Float)
        {
            throw context.Fail(index == 0 ? "expects a float input" : $"expects input {index} to be float");
        }
    }

    /// <summary>Fails compilation unless every input that is given is a float tensor.</summary>
    public static void RequireFloats(OpExecutorContext context)
    {
        for (var i = 0; i < context.Inputs.Length; i++)
        {
            if (context.Inputs[i] is not null)
            {
                RequireFloat(context, i);
            }
        }
    }
}
