using Shears.IR;

namespace Shears.Engine.Ops;

/// <summary>An operation written once for any element storage (float, int64, bool).</summary>
internal interface IStorageAction
{
    void Run<T>(T[] source, T[] destination);
}

/// <summary>Calls an <see cref="IStorageAction"/> with the arrays of the storage two same-typed tensors use.</summary>
internal static class StorageDispatch
{
    public static void Run<TAction>(TAction action, EngineTensor source, EngineTensor destination)
        where TAction : IStorageAction
    {
        switch (source.Type)
        {
            case DataType.Float:
                action.Run(source.Floats, destination.Floats);
                break;
            case DataType.Int64:
                action.Run(source.Longs, destination.Longs);
                break;
            default:
                action.Run(source.Bools, destination.Bools);
                break;
        }
    }
}
