namespace Shears.Engine.Ops;

/// <summary>Training-mode dropout: zeroes elements with probability p and scales the rest by 1/(1−p); the mask is drawn from a per-node stream.</summary>
internal sealed class DropoutExecutor : OpExecutor
{
    private readonly float _ratio;
    private readonly bool[] _keep;
    private ulong _state;

    public DropoutExecutor(OpExecutorContext context)
        : base(context)
    {
        _ratio = context.Opset >= 12
            ? (context.Inputs.Length > 1 && context.Inputs[1] is { } r ? r.Floats[0] : 0.5f)
            : context.Node.GetFloat("ratio", 0.5f);
        Outputs[0] = context.NewOutput(0);
        _keep = new bool[Outputs[0].Length];
        if (Outputs.Length > 1)
        {
            Outputs[1] = context.NewOutput(1);
        }
        // A stable seed per node keeps training runs reproducible.
        _state = (ulong)StableHash(context.Node.DisplayName) | 1UL;
    }

    public override bool HasBackward => true;

    public override void Forward()
    {
        var x = In(0).Floats;
        var y = Outputs[0].Floats;
        var scale = _ratio < 1f ? 1f / (1f - _ratio) : 0f;
        for (var i = 0; i < _keep.Length; i++)
        {
            _keep[i] = NextUnit() >= _ratio;
            y[i] = _keep[i] ? x[i] * scale : 0f;
        }
        if (Outputs.Length > 1 && Outputs[1] is { } mask && mask.Bools.Length == _keep.Length)
        {
            _keep.CopyTo(mask.Bools, 0);
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is not { } dx || OutputGrads[0] is not { } dy)
        {
            return;
        }
        var scale = _ratio < 1f ? 1f / (1f - _ratio) : 0f;
        for (var i = 0; i < _keep.Length; i++)
        {
            if (_keep[i])
            {
                dx.Floats[i] += dy.Floats[i] * scale;
            }
        }
    }

    private float NextUnit()
    {
        // xorshift64*: fast and good enough for dropout masks.
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return ((_state * 2685821657736338717UL) >> 40) / (float)(1 << 24);
    }

    private static long StableHash(string text)
    {
        var hash = 1469598103934665603L;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211L;
        }
        return hash;
    }
}
