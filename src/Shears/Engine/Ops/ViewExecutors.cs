namespace Shears.Engine.Ops;

/// <summary>Registration of view ops and dropout.</summary>
internal static class ViewExecutors
{
    public static void Register(OpExecutorTable table)
    {
        table.Add(c => new ViewExecutor(c), "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity");
        table.Add(c => c.Training ? new DropoutExecutor(c) : new ViewExecutor(c), "Dropout");
    }
}
