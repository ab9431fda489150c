namespace Shears.Hardware;

/// <summary>The broad class of a target: it decides which figures of a profile are meaningful.</summary>
public enum HardwareKind
{
    Cpu,
    Gpu,
    Accelerator,
}
