namespace Shears.Engine.Kernels;

/// <summary>A row count fixed at JIT time, so one kernel body compiles to separate 1-, 2-, 3- and 4-row versions.</summary>
internal interface IRowCount
{
    static abstract int Value { get; }
}

internal readonly struct OneRow : IRowCount
{
    public static int Value => 1;
}

internal readonly struct TwoRows : IRowCount
{
    public static int Value => 2;
}

internal readonly struct ThreeRows : IRowCount
{
    public static int Value => 3;
}

internal readonly struct FourRows : IRowCount
{
    public static int Value => 4;
}
