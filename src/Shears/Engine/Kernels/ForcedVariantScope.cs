namespace Shears.Engine.Kernels;

/// <summary>Restores the previously forced kernel variant of a thread when disposed.</summary>
public readonly struct ForcedVariantScope : IDisposable, IEquatable<ForcedVariantScope>
{
    private readonly KernelVariant? _previous;

    internal ForcedVariantScope(KernelVariant? previous) => _previous = previous;

    public void Dispose() => KernelRegistry.Restore(_previous);

    public bool Equals(ForcedVariantScope other) => _previous == other._previous;

    public override bool Equals(object? obj) => obj is ForcedVariantScope other && Equals(other);

    public override int GetHashCode() => _previous.GetHashCode();

    public static bool operator ==(ForcedVariantScope left, ForcedVariantScope right) => left.Equals(right);

    public static bool operator !=(ForcedVariantScope left, ForcedVariantScope right) => !left.Equals(right);
}
