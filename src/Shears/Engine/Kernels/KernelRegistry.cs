using System.Collections.Immutable;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Shears.Engine.Kernels;

/// <summary>
/// Knows which kernel variants this machine can run, which one is active, and lets the
/// environment (<see cref="EnvironmentVariable"/>) or a caller force one.
/// </summary>
public static class KernelRegistry
{
    /// <summary>
    /// Environment variable that forces a variant for the whole process:
    /// <c>scalar</c>, <c>vector128</c>, <c>avx2</c> or <c>avx512</c>.
    /// </summary>
    public const string EnvironmentVariable = "SHEARS_KERNELS";

    private static readonly ImmutableArray<(string Name, KernelVariant Variant)> Names =
    [
        ("scalar", KernelVariant.Scalar),
        ("vector128", KernelVariant.Vector128),
        ("avx2", KernelVariant.Avx2Fma),
        ("avx512", KernelVariant.Avx512),
    ];

    private static KernelVariant? _processDefault;

    // Forcing is per thread so that tests running in parallel cannot change each other's kernels.
    [ThreadStatic]
    private static KernelVariant? _forced;

    /// <summary>Variants this machine supports, slowest first.</summary>
    public static ImmutableArray<KernelVariant> Available { get; } =
        [.. Enum.GetValues<KernelVariant>().Where(IsSupported)];

    /// <summary>The variant kernel calls on this thread will use.</summary>
    public static KernelVariant Active => _forced ?? _processDefault ?? ResolveProcessDefault();

    /// <summary>Floats per SIMD register of the active variant (1 for scalar).</summary>
    public static int SimdWidthFloats => WidthOf(Active);

    /// <summary>The fastest variant this machine supports.</summary>
    public static KernelVariant Best => Available[^1];

    /// <summary>The name <see cref="EnvironmentVariable"/> accepts for a variant.</summary>
    public static string NameOf(KernelVariant variant) => Names.First(n => n.Variant == variant).Name;

    /// <summary>Floats per SIMD register of a variant (1 for scalar).</summary>
    public static int WidthOf(KernelVariant variant) => variant switch
    {
        KernelVariant.Scalar => 1,
        KernelVariant.Vector128 => Vector128<float>.Count,
        KernelVariant.Avx2Fma => Vector256<float>.Count,
        KernelVariant.Avx512 => Vector512<float>.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    public static bool IsSupported(KernelVariant variant) => variant switch
    {
        KernelVariant.Scalar => true,
        KernelVariant.Vector128 => Vector128.IsHardwareAccelerated,
        KernelVariant.Avx2Fma => Avx2.IsSupported && Fma.IsSupported,
        KernelVariant.Avx512 => Avx512F.IsSupported,
        _ => false,
    };

    /// <summary>
    /// Makes kernel calls on the current thread use <paramref name="variant"/> until the returned
    /// scope is disposed; scopes nest.
    /// </summary>
    public static ForcedVariantScope Force(KernelVariant variant)
    {
        if (!IsSupported(variant))
        {
            throw new NotSupportedException($"kernel variant {variant} is not supported on this machine");
        }
        var scope = new ForcedVariantScope(_forced);
        _forced = variant;
        return scope;
    }

    /// <summary>Parses a variant name as <see cref="EnvironmentVariable"/> accepts it.</summary>
    public static KernelVariant Parse(string name)
    {
        foreach (var (candidate, variant) in Names)
        {
            if (string.Equals(candidate, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return variant;
            }
        }
        throw new ShearsException(
            $"{EnvironmentVariable}='{name}' is not a kernel variant; use one of {string.Join(", ", Names.Select(n => n.Name))}");
    }

    internal static void Restore(KernelVariant? previous) => _forced = previous;

    private static KernelVariant ResolveProcessDefault() =>
        (_processDefault = ResolveRequested(Environment.GetEnvironmentVariable(EnvironmentVariable))).Value;

    /// <summary>The variant an <see cref="EnvironmentVariable"/> value asks for; unset means <see cref="Best"/>.</summary>
    internal static KernelVariant ResolveRequested(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return Best;
        }
        var variant = Parse(requested);
        if (!IsSupported(variant))
        {
            throw new ShearsException(
                $"{EnvironmentVariable}={requested}: this machine does not support that variant; it supports {string.Join(", ", Available.Select(NameOf))}");
        }
        return variant;
    }
}
