using System.Numerics.Tensors;
using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>
/// Cast and CastLike between the engine's float, int64 and bool storage. Narrower targets keep
/// their semantics: integers wrap to the target width, float16/bfloat16 round to that precision,
/// float to integer truncates toward zero. A float-to-float cast passes its gradient straight through.
/// </summary>
internal sealed class CastExecutor : OpExecutor
{
    private readonly DataType _target;

    public CastExecutor(OpExecutorContext context)
        : base(context)
    {
        // CastLike's target is the inferred output type (that of its second input).
        _target = context.Node.OpType == "CastLike"
            ? context.OutputInfos[0]?.ElementType ?? throw context.Fail("output has no inferred type")
            : (DataType)context.Node.GetInt("to", 0);
        Outputs[0] = context.NewOutput(0);
        if (Outputs[0].Type != EngineTensor.StorageType(_target))
        {
            throw context.Fail($"cannot cast to {DataTypes.Name(_target)}");
        }
    }

    public override bool HasBackward => In(0).Type == DataType.Float && Outputs[0].Type == DataType.Float;

    public override void Forward()
    {
        var x = In(0);
        var y = Outputs[0];
        var n = y.Length;
        switch (x.Type, y.Type)
        {
            case (DataType.Float, DataType.Float):
                for (var i = 0; i < n; i++)
                {
                    y.Floats[i] = RoundFloat(x.Floats[i]);
                }
                break;
            case (DataType.Float, DataType.Int64):
                for (var i = 0; i < n; i++)
                {
                    y.Longs[i] = Wrap((long)x.Floats[i]);
                }
                break;
            case (DataType.Float, _):
                for (var i = 0; i < n; i++)
                {
                    y.Bools[i] = x.Floats[i] != 0f;
                }
                break;
            case (DataType.Int64, DataType.Float):
                for (var i = 0; i < n; i++)
                {
                    y.Floats[i] = RoundFloat(x.Longs[i]);
                }
                break;
            case (DataType.Int64, DataType.Int64):
                for (var i = 0; i < n; i++)
                {
                    y.Longs[i] = Wrap(x.Longs[i]);
                }
                break;
            case (DataType.Int64, _):
                for (var i = 0; i < n; i++)
                {
                    y.Bools[i] = x.Longs[i] != 0;
                }
                break;
            case (_, DataType.Float):
                for (var i = 0; i < n; i++)
                {
                    y.Floats[i] = x.Bools[i] ? 1f : 0f;
                }
                break;
            case (_, DataType.Int64):
                for (var i = 0; i < n; i++)
                {
                    y.Longs[i] = x.Bools[i] ? 1 : 0;
                }
                break;
            default:
                x.Bools.AsSpan(0, n).CopyTo(y.Bools);
                break;
        }
    }

    public override void Backward()
    {
        if (InputGrads[0] is { } dx && OutputGrads[0] is { } dy)
        {
            TensorPrimitives.Add(dx.Span, dy.Span, dx.Span);
        }
    }

    private float RoundFloat(float value) => _target switch
    {
        DataType.Float16 => (float)(Half)value,
        DataType.BFloat16 => BFloat16(value),
        _ => value,
    };

    private long Wrap(long value) => _target switch
    {
        DataType.Int32 => (int)value,
        DataType.Int16 => (short)value,
        DataType.Int8 => (sbyte)value,
        DataType.UInt32 => (uint)value,
        DataType.UInt16 => (ushort)value,
        DataType.UInt8 => (byte)value,
        _ => value,
    };

    /// <summary>Rounds to the nearest bfloat16 (ties to even) by keeping the top 16 bits of the float.</summary>
    private static float BFloat16(float value)
    {
        if (float.IsNaN(value))
        {
            return value;
        }
        var bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFFu + ((bits >> 16) & 1u);
        return BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
    }
}
