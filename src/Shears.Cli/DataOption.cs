using Shears.Data;

namespace Shears.Cli;

/// <summary>Resolves a --data value: "fashion-mnist" (the Debian package's folder or SHEARS_DATA) or a folder/IDX path.</summary>
internal static class DataOption
{
    public static TrainTestSplit Load(string? value)
    {
        try
        {
            // Raw pixels in [0, 1]: models Shears writes normalise inside their graph, as any other runtime expects.
            return FashionMnist.Load(value is null or "fashion-mnist" or "fashion_mnist" ? null : value, Normalization.UnitRange);
        }
        catch (DatasetNotFoundException e)
        {
            throw new ShearsException(e.Describe("pass --data DIR"), e);
        }
    }
}
