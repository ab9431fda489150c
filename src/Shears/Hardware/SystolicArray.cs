namespace Shears.Hardware;

/// <summary>A grid of processing elements, each doing one multiply-accumulate per cycle.</summary>
public sealed record SystolicArray
{
    /// <summary>Processing elements down the grid.</summary>
    public int Rows { get; init; }

    /// <summary>Processing elements across the grid.</summary>
    public int Columns { get; init; }

    /// <summary>The number format the elements compute in; int8 by default.</summary>
    public Precision Precision { get; init; } = Precision.Int8;

    /// <summary>Array clock in GHz.</summary>
    public double ClockGhz { get; init; }

    /// <summary>On-chip SRAM for weights and activations; tiles larger than this spill to memory.</summary>
    public long OnChipBufferBytes { get; init; }

    /// <summary>Peak in G(FL)OP/s: every element does a multiply and an add each cycle.</summary>
    public double PeakGops() => (double)Rows * Columns * 2 * ClockGhz;
}
