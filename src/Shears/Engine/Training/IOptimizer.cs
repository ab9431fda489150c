namespace Shears.Engine.Training;

/// <summary>Updates trainable weights from their gradients; masked (pruned) entries stay exactly zero.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update with the given learning rate, then re-applies masks; <paramref name="engine"/> gives the threads it may use.</summary>
    void Step(ParameterStore parameters, float learningRate, EngineOptions engine);
}
