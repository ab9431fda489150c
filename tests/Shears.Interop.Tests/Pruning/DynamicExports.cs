using System.Collections.Concurrent;
using Shears.IR;
using Shears.Onnx;

namespace Shears.Interop.Tests.Pruning;

/// <summary>Exports with a symbolic batch (and sequence), read once and shared by the cases of a test class.</summary>
public sealed class DynamicExports
{
    private readonly ConcurrentDictionary<ZooModel, Lazy<Model>> _models = new();

    /// <summary>The model as read from its export; callers must not change it.</summary>
    public Model Get(ZooModel model) => _models.GetOrAdd(model, m => new Lazy<Model>(() => OnnxReader.Read(TorchvisionExports.Get(m)))).Value;
}
