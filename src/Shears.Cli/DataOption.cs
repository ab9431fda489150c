using Shears.Data;

namespace Shears.Cli;

/// <summary>Resolves a --data value: "fashion-mnist" (the Debian package's folder or SHEARS_DATA) or a folder/IDX path.</summary>
internal static class DataOption
{
    public static TrainTestSplit Load(string? value)
    {
        try
        {
            return value is null or "fashion-mnist" or "fashion_mnist" ? FashionMnist.Load() : FashionMnist.Load(value);
        }
        catch (DatasetNotFoundException e)
        {
            throw new ShearsException(e.Describe("pass --data DIR"), e);
        }
    }
}
