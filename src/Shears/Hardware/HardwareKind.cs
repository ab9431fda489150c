namespace Shears.Hardware;

/// <summary>The broad class of a target: it decides which figures of a profile are meaningful.</summary>
public enum HardwareKind
{
    /// <summary>A general-purpose processor: cores, SIMD vectors and caches.</summary>
    Cpu,
    /// <summary>A graphics processor: streaming multiprocessors and, often, tensor cores.</summary>
    Gpu,
    /// <summary>A dedicated neural-network accelerator, such as a systolic-array NPU.</summary>
    Accelerator,
}
