using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shears.Hardware.Host;

/// <summary>
/// A short stable name for "this hardware as this runtime sees it": a hash of the CPU name, core counts,
/// instruction sets, engine vector width, caches and .NET version. Measurements are cached under it,
/// so any change that could change a measurement changes the fingerprint.
/// </summary>
public static class HostFingerprint
{
    /// <summary>The fingerprint of <paramref name="facts"/>: 16 lower-case hex digits of a SHA-256 hash, the same on every run on the same hardware and runtime.</summary>
    public static string Compute(HostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder()
            .Append("cpu=").Append(facts.CpuName).Append('\n')
            .Append("logical=").Append(facts.LogicalProcessors.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("physical=").Append(facts.PhysicalCores.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("isa=").AppendJoin(',', facts.InstructionSets.Order()).Append('\n')
            .Append("simd=").Append(facts.Simd.Bits.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("caches=").AppendJoin(';', facts.Caches.Select(Describe)).Append('\n')
            .Append("runtime=").Append(facts.RuntimeVersion).Append('\n')
            .ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static string Describe(CacheInfo cache) =>
        string.Create(CultureInfo.InvariantCulture, $"L{cache.Level}{cache.Type}:{cache.SizeBytes}:{cache.Scope}");
}
