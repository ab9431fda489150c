namespace Shears.Pruning.Structured;

/// <summary>What structured pruning does to the chosen channels.</summary>
public enum StructuredMode
{
    /// <summary>Rewrite the graph smaller: tensors lose the channels, MACs drop.</summary>
    Remove,

    /// <summary>Keep shapes and zero the channels' weights (for fine-tuning with masks).</summary>
    Mask,
}
