using System.Text.Json;
using System.Text.Json.Serialization;
using Shears.IO;
using Shears.IR;
using Shears.Onnx;
using Shears.Pruning;

namespace Shears.Optimization;

/// <summary>
/// The checkpoint folder of a run (REPORT/checkpoints): models and plans are written first, each atomically, and the
/// state file last, atomically, so a run killed at any moment leaves the last complete state pointing at files that exist.
/// </summary>
internal sealed class CheckpointStore
{
    private const string StateFile = "state.json";

    private static readonly JsonSerializerOptions Json = new(PlanJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public CheckpointStore(string reportFolder)
    {
        Folder = Path.Combine(reportFolder, "checkpoints");
        PlanFolder = Path.Combine(reportFolder, "plans");
    }

    public string Folder { get; }

    public string PlanFolder { get; }

    public bool Exists => File.Exists(Path.Combine(Folder, StateFile));

    public OptimizationState Load(string runKey)
    {
        var path = Path.Combine(Folder, StateFile);
        if (!File.Exists(path))
        {
            throw new ShearsException($"nothing to resume in {Folder}: it holds no {StateFile}");
        }
        OptimizationState? state;
        try
        {
            state = JsonSerializer.Deserialize<OptimizationState>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ShearsException($"{path} is not a readable checkpoint: {e.Message}", e);
        }
        if (state is null || state.Format != OptimizationState.FormatName || state.Version != 1)
        {
            throw new ShearsException($"{path} is not a Shears optimisation checkpoint of version 1");
        }
        if (state.RunKey != runKey)
        {
            throw new ShearsException($"{Folder} is a checkpoint of another run (other model, data or options); resume with the same command line, or start afresh with another report folder");
        }
        return state;
    }

    public void Save(OptimizationState state)
    {
        AtomicFile.EnsureDirectory(Folder, "checkpoint folder");
        AtomicFile.WriteText(Path.Combine(Folder, StateFile), JsonSerializer.Serialize(state, Json));
    }

    /// <summary>Writes a model under <paramref name="name"/> and returns the name to record in the state.</summary>
    public string SaveModel(Model model, string name)
    {
        AtomicFile.EnsureDirectory(Folder, "checkpoint folder");
        OnnxWriter.Write(model, Path.Combine(Folder, name));
        return name;
    }

    public Model LoadModel(string name) => OnnxReader.Read(Path.Combine(Folder, name));

    public void SavePlan(PruningPlan plan, string name)
    {
        AtomicFile.EnsureDirectory(PlanFolder, "plan folder");
        AtomicFile.WriteText(Path.Combine(PlanFolder, name), PlanJson.Serialize(plan));
    }
}
