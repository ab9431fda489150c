using Microsoft.ML.OnnxRuntime;
using Shears.IR;
using Shears.Onnx;

namespace Shears.OnnxRuntime;

/// <summary>
/// A model loaded into ONNX Runtime on the CPU, ready to run many times. Loading is the expensive
/// part (graph optimisation, weight pre-packing), so keep one session per model and configuration.
/// Runs may be issued from several threads at once.
/// </summary>
public sealed class OnnxRuntimeSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly Dictionary<string, ValueInfo> _inputsByName;

    private OnnxRuntimeSession(string source, InferenceSession session, SessionOptions sessionOptions, OnnxRuntimeOptions options)
    {
        Source = source;
        Options = options;
        _session = session;
        _sessionOptions = sessionOptions;
        _inputNames = [.. session.InputNames];
        _outputNames = [.. session.OutputNames];
        Inputs = [.. _inputNames.Select(n => TensorConversion.ToValueInfo(n, session.InputMetadata[n]))];
        Outputs = [.. _outputNames.Select(n => TensorConversion.ToValueInfo(n, session.OutputMetadata[n]))];
        _inputsByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the model came from (a path, or a description of an in-memory model), for messages.</summary>
    public string Source { get; }

    /// <summary>The threads and optimisation level the session was created with.</summary>
    public OnnxRuntimeOptions Options { get; }

    /// <summary>The inputs a run must feed (initializers excluded), with types and shapes as ONNX Runtime sees them.</summary>
    public IReadOnlyList<ValueInfo> Inputs { get; }

    /// <summary>The outputs every run returns, in declaration order, with types and shapes as ONNX Runtime sees them.</summary>
    public IReadOnlyList<ValueInfo> Outputs { get; }

    /// <summary>Loads a model file; ONNX Runtime resolves external data files beside it.</summary>
    /// <exception cref="ShearsException">The file is missing or ONNX Runtime cannot load it.</exception>
    public static OnnxRuntimeSession Open(string path, OnnxRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: file not found");
        }
        return Load(path, settings => new InferenceSession(path, settings), options ?? OnnxRuntimeOptions.Default);
    }

    /// <summary>Loads a serialized ONNX model.</summary>
    /// <param name="model">The model's bytes, weights inline.</param>
    /// <param name="options">Threads and optimisation level; <see cref="OnnxRuntimeOptions.Default"/> when null.</param>
    /// <param name="sourceName">How messages refer to the model.</param>
    /// <exception cref="ShearsException">ONNX Runtime cannot load the model.</exception>
    public static OnnxRuntimeSession FromBytes(byte[] model, OnnxRuntimeOptions? options = null, string sourceName = "model")
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(sourceName, settings => new InferenceSession(model, settings), options ?? OnnxRuntimeOptions.Default);
    }

    /// <summary>Loads a Shears model; its weights are serialized inline, so no files are involved.</summary>
    public static OnnxRuntimeSession FromModel(Model model, OnnxRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Graph.Name.Length > 0 ? $"model '{model.Graph.Name}'" : "model";
        return FromBytes(OnnxWriter.ToBytes(model), options, name);
    }

    /// <summary>Runs the model once and returns every output.</summary>
    /// <param name="inputs">One tensor per entry of <see cref="Inputs"/>, matched by tensor name.</param>
    /// <exception cref="ShearsException">An input is missing, unknown or of the wrong type, or ONNX Runtime rejects the run.</exception>
    public RunOutputs Run(IEnumerable<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ordered = OrderInputs(inputs);
        var values = new List<OrtValue>(ordered.Length);
        try
        {
            values.AddRange(ordered.Select(TensorConversion.ToOrtValue));
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, _inputNames, values, _outputNames);
            return new RunOutputs([.. results.Select((value, i) => TensorConversion.ToTensor(_outputNames[i], value))]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ShearsException($"{Source}: ONNX Runtime failed to run the model: {OrtMessage.OneLine(e)}", e);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Runs the model once on the given inputs (matched by tensor name) and returns every output.</summary>
    /// <exception cref="ShearsException">An input is missing, unknown or of the wrong type, or ONNX Runtime rejects the run.</exception>
    public RunOutputs Run(params Tensor[] inputs) => Run((IEnumerable<Tensor>)inputs);

    /// <summary>Releases the native session; the session cannot run afterwards.</summary>
    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private Tensor[] OrderInputs(IEnumerable<Tensor> inputs)
    {
        var given = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var tensor in inputs)
        {
            if (!_inputsByName.TryGetValue(tensor.Name, out var expected))
            {
                throw new ShearsException($"{Source}: the model has no input named '{tensor.Name}'; its inputs are {string.Join(", ", _inputNames)}");
            }
            if (!given.TryAdd(tensor.Name, tensor))
            {
                throw new ShearsException($"{Source}: input '{tensor.Name}' is given twice");
            }
            if (tensor.ElementType != expected.ElementType)
            {
                throw new ShearsException($"{Source}: input '{tensor.Name}' is {DataTypes.Name(tensor.ElementType)} but the model expects {DataTypes.Name(expected.ElementType)}");
            }
        }
        var missing = _inputNames.Where(n => !given.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ShearsException($"{Source}: no value given for input {string.Join(", ", missing.Select(n => $"'{n}'"))}");
        }
        return [.. _inputNames.Select(n => given[n])];
    }

    private static OnnxRuntimeSession Load(string source, Func<SessionOptions, InferenceSession> create, OnnxRuntimeOptions options)
    {
        var settings = SessionSettings.Create(options);
        try
        {
            return new OnnxRuntimeSession(source, create(settings), settings, options);
        }
        catch (OnnxRuntimeException e)
        {
            settings.Dispose();
            throw new ShearsException($"{source}: ONNX Runtime cannot load the model: {OrtMessage.OneLine(e)}", e);
        }
        catch
        {
            settings.Dispose();
            throw;
        }
    }
}
