using Microsoft.ML.OnnxRuntime;
using Shears.IR;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace Shears.OnnxRuntime.Profiling;

/// <summary>
/// A session's inputs and outputs created and bound once, so a timed run is one native call: no input conversion,
/// output allocation, name marshalling or run-option object per run, and no managed garbage.
/// </summary>
internal sealed class OrtBoundRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly List<OrtValue> _values = [];

    /// <summary>Binds <paramref name="inputs"/> (one per session input, by name) and output buffers shaped by one untimed run.</summary>
    /// <exception cref="OnnxRuntimeException">The session cannot run on these inputs.</exception>
    public OrtBoundRun(InferenceSession session, IEnumerable<Tensor> inputs)
    {
        _session = session;
        _binding = session.CreateIoBinding();
        try
        {
            var byName = inputs.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
            var inputNames = session.InputNames.ToArray();
            var inputValues = new List<OrtValue>(inputNames.Length);
            foreach (var name in inputNames)
            {
                var value = TensorConversion.ToOrtValue(byName[name]);
                _values.Add(value);
                inputValues.Add(value);
                _binding.BindInput(name, value);
            }
            BindOutputs(inputNames, inputValues);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One inference on the bound values; the outputs are overwritten in place.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _values)
        {
            value.Dispose();
        }
        _runOptions.Dispose();
    }

    /// <summary>
    /// Output shapes are known for certain only after a run (symbolic axes, data-dependent shapes), so one plain run
    /// shapes the buffers; later runs write into them. Outputs that are not fixed-size tensors stay ONNX Runtime's to allocate.
    /// </summary>
    private void BindOutputs(string[] inputNames, List<OrtValue> inputValues)
    {
        var outputNames = _session.OutputNames.ToArray();
        using var first = _session.Run(_runOptions, inputNames, inputValues, outputNames);
        for (var i = 0; i < outputNames.Length; i++)
        {
            if (first[i].OnnxType == OnnxValueType.ONNX_TYPE_TENSOR
                && first[i].GetTensorTypeAndShape() is { ElementDataType: not TensorElementType.String } info)
            {
                var buffer = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, info.ElementDataType, info.Shape);
                _values.Add(buffer);
                _binding.BindOutput(outputNames[i], buffer);
            }
            else
            {
                _binding.BindOutputToDevice(outputNames[i], OrtMemoryInfo.DefaultInstance);
            }
        }
    }
}
