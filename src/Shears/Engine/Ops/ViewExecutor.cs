namespace Shears.Engine.Ops;

/// <summary>Ops whose output is the input's elements under another shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity, inference Dropout): no copy, no work.</summary>
internal sealed class ViewExecutor : OpExecutor
{
    public ViewExecutor(OpExecutorContext context)
        : base(context)
    {
        Outputs[0] = In(0).View(context.OutputShape(0));
        for (var i = 1; i < Outputs.Length; i++)
        {
            // Dropout's mask in inference keeps everything.
            Outputs[i] = context.NewOutput(i);
            Outputs[i].Bools.AsSpan().Fill(true);
        }
    }

    public override bool HasBackward => true;

    public override int? ViewSource(int output) => output == 0 ? 0 : null;

    public override void Forward()
    {
    }

    public override void Backward()
    {
        // The output's gradient shares the input gradient's storage.
    }
}
