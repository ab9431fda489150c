using System.Collections.Immutable;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Shears.Engine.Kernels;

/// <summary>
/// Knows which kernel variants this machine can run and their names. Which variant a plan uses is
/// its <see cref="EngineOptions.Kernels"/>; <see cref="EnvironmentVariable"/> sets the process default.
/// </summary>
public static class KernelRegistry
{
    /// <summary>
    /// Environment variable with the default variant of <see cref="EngineOptions.Default"/>:
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

    /// <summary>Variants this machine supports, slowest first.</summary>
    public static ImmutableArray<KernelVariant> Available { get; } =
        [.. Enum.GetValues<KernelVariant>().Where(IsSupported)];

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

    /// <summary>Whether this machine's processor (and the runtime) can run the variant's instructions.</summary>
    public static bool IsSupported(KernelVariant variant) => variant switch
    {
        KernelVariant.Scalar => true,
        KernelVariant.Vector128 => Vector128.IsHardwareAccelerated,
        KernelVariant.Avx2Fma => Avx2.IsSupported && Fma.IsSupported,
        KernelVariant.Avx512 => Avx512F.IsSupported,
        _ => false,
    };

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
