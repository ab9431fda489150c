using System.Globalization;
using Shears.Engine.Kernels;

namespace Shears.Engine;

/// <summary>
/// How the engine runs: threads, kernel variant, Winograd convolutions, GEMM operand reads. Immutable
/// and handed to <see cref="ExecutionPlan.Compile"/> (and to whatever compiles plans: trainer,
/// evaluator, latency meters) or to a kernel call, so plans with different settings can run side
/// by side in one process. <c>new EngineOptions()</c> holds the built-in defaults;
/// <see cref="Default"/> those overridden by the environment.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>Environment variable with the default <see cref="Threads"/>.</summary>
    public const string ThreadsVariable = "SHEARS_THREADS";

    /// <summary>Environment variable with the default <see cref="Kernels"/> (<c>scalar</c>, <c>vector128</c>, <c>avx2</c>, <c>avx512</c>).</summary>
    public const string KernelsVariable = KernelRegistry.EnvironmentVariable;

    /// <summary>Environment variable that turns <see cref="Winograd"/> off by default when set to <c>0</c>.</summary>
    public const string WinogradVariable = "SHEARS_WINOGRAD";

    // Publication-only: a bad variable throws on every read instead of being cached as a failure.
    private static readonly Lazy<EngineOptions> ProcessDefaults = new(FromEnvironment, LazyThreadSafetyMode.PublicationOnly);

    private readonly int _threads = System.Environment.ProcessorCount;
    private readonly KernelVariant _kernels = KernelRegistry.Best;

    /// <summary>
    /// Threads one kernel call may use, the calling thread included (default: one per processor).
    /// More than the machine has processors are allowed and capped when used (<see cref="EffectiveThreads"/>).
    /// </summary>
    public int Threads
    {
        get => _threads;
        init => _threads = value >= 1 ? value : throw new ShearsException(Invariant($"Threads must be at least 1, got {value}"));
    }

    /// <summary>The instruction-set variant of the SIMD kernels (default: the widest this machine supports).</summary>
    public KernelVariant Kernels
    {
        get => _kernels;
        init => _kernels = KernelRegistry.IsSupported(value) ? value : throw new ShearsException(
            $"Kernels must be a variant this machine supports ({string.Join(", ", KernelRegistry.Available)}), got {value}");
    }

    /// <summary>
    /// Whether 3×3 stride-1 convolutions with more than 16 input and output channels run as Winograd
    /// F(2×2, 3×3) (2.25× fewer multiplications) rather than im2col + GEMM (default: on).
    /// </summary>
    public bool Winograd { get; init; } = true;

    /// <summary>
    /// Whether the packed GEMM reads full tiles of a non-transposed A where they lie instead of
    /// packing them (default: on; off only to measure both paths).
    /// </summary>
    public bool ReadRowMajorA { get; init; } = true;

    /// <summary>The thread count kernels actually use: <see cref="Threads"/> capped at the processor count.</summary>
    public int EffectiveThreads => Math.Min(Threads, System.Environment.ProcessorCount);

    /// <summary>
    /// The process defaults: built-in defaults overridden by <see cref="ThreadsVariable"/>,
    /// <see cref="KernelsVariable"/> and <see cref="WinogradVariable"/>, read once.
    /// </summary>
    public static EngineOptions Default => ProcessDefaults.Value;

    /// <summary>Reads the environment variables now; see <see cref="Default"/>.</summary>
    public static EngineOptions FromEnvironment() => FromVariables(System.Environment.GetEnvironmentVariable);

    /// <summary>Options from variable values as <paramref name="variable"/> reports them (null when unset).</summary>
    internal static EngineOptions FromVariables(Func<string, string?> variable) => new()
    {
        Threads = ParseThreads(variable(ThreadsVariable)),
        Kernels = KernelRegistry.ResolveRequested(variable(KernelsVariable)),
        Winograd = variable(WinogradVariable) != "0",
    };

    /// <summary>The thread count a <see cref="ThreadsVariable"/> value asks for; unset means one per processor.</summary>
    internal static int ParseThreads(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return System.Environment.ProcessorCount;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new ShearsException($"{ThreadsVariable}='{text}' is not a positive thread count");
        }
        return count;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
