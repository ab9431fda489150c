using System.Security.Cryptography;
using System.Text;
using Shears.IR;

namespace Shears.Pruning;

/// <summary>A hash of a model's structure (nodes, names, weight shapes): equal for the same architecture export, different for another model.</summary>
public static class ModelFingerprint
{
    /// <summary>The model's fingerprint: 32 lower-case hex digits of a SHA-256 over opset, inputs and their shapes, outputs, nodes with their wiring, and initializer names, types and dimensions (weight values do not count).</summary>
    public static string Of(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.Append(model.OpsetVersion).Append('\n');
        foreach (var input in model.Graph.Inputs)
        {
            text.Append("in ").Append(input.Name).Append(' ').Append(input.Shape).Append('\n');
        }
        foreach (var output in model.Graph.Outputs)
        {
            text.Append("out ").Append(output.Name).Append('\n');
        }
        foreach (var node in model.Graph.Nodes)
        {
            text.Append(node.Domain).Append('.').Append(node.OpType).Append('(').AppendJoin(',', node.Inputs).Append(")->").AppendJoin(',', node.Outputs).Append('\n');
        }
        foreach (var (name, tensor) in model.Graph.Initializers)
        {
            text.Append("init ").Append(name).Append(' ').Append((int)tensor.ElementType).Append(' ').AppendJoin('x', tensor.Dims).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
