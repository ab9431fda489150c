using System.Runtime.Intrinsics;
using ArmIntrinsics = System.Runtime.Intrinsics.Arm;
using X86Intrinsics = System.Runtime.Intrinsics.X86;

namespace Shears.Hardware.Host;

/// <summary>
/// Finds instruction sets two ways and unites them: what the .NET runtime reports as supported, and the
/// kernel's CPU flags. The flags cover extensions .NET has no class for (AVX-512 VNNI and BF16, AMX, Arm I8MM)
/// and hardware the runtime was told not to use.
/// </summary>
internal static class InstructionSetProbe
{
    private static readonly Dictionary<string, InstructionSet> FlagNames = new(StringComparer.Ordinal)
    {
        ["sse4_1"] = InstructionSet.Sse41,
        ["sse4_2"] = InstructionSet.Sse42,
        ["avx"] = InstructionSet.Avx,
        ["avx2"] = InstructionSet.Avx2,
        ["fma"] = InstructionSet.Fma,
        ["avx_vnni"] = InstructionSet.AvxVnni,
        ["avx512f"] = InstructionSet.Avx512F,
        ["avx512cd"] = InstructionSet.Avx512CD,
        ["avx512bw"] = InstructionSet.Avx512BW,
        ["avx512dq"] = InstructionSet.Avx512DQ,
        ["avx512vl"] = InstructionSet.Avx512VL,
        ["avx512vbmi"] = InstructionSet.Avx512Vbmi,
        ["avx512_vbmi2"] = InstructionSet.Avx512Vbmi2,
        ["avx512_vnni"] = InstructionSet.Avx512Vnni,
        ["avx512_bf16"] = InstructionSet.Avx512Bf16,
        ["avx512_fp16"] = InstructionSet.Avx512Fp16,
        ["amx_tile"] = InstructionSet.AmxTile,
        ["amx_int8"] = InstructionSet.AmxInt8,
        ["amx_bf16"] = InstructionSet.AmxBf16,
        ["asimd"] = InstructionSet.AdvSimd,
        ["asimddp"] = InstructionSet.ArmDotProduct,
        ["asimdrdm"] = InstructionSet.ArmRdm,
        ["asimdhp"] = InstructionSet.ArmFp16,
        ["i8mm"] = InstructionSet.ArmI8mm,
        ["bf16"] = InstructionSet.ArmBf16,
        ["sve"] = InstructionSet.Sve,
        ["sve2"] = InstructionSet.Sve2,
    };

    public static IReadOnlyList<InstructionSet> Detect(IReadOnlySet<string> cpuFlags) =>
        [.. FromRuntime().Union(FromFlags(cpuFlags)).Distinct().Order()];

    public static IEnumerable<InstructionSet> FromFlags(IEnumerable<string> flags) =>
        flags.Where(FlagNames.ContainsKey).Select(flag => FlagNames[flag]);

    public static IEnumerable<InstructionSet> FromRuntime()
    {
        (bool Supported, InstructionSet Set)[] probes =
        [
            (X86Intrinsics.Sse41.IsSupported, InstructionSet.Sse41),
            (X86Intrinsics.Sse42.IsSupported, InstructionSet.Sse42),
            (X86Intrinsics.Avx.IsSupported, InstructionSet.Avx),
            (X86Intrinsics.Avx2.IsSupported, InstructionSet.Avx2),
            (X86Intrinsics.Fma.IsSupported, InstructionSet.Fma),
            (X86Intrinsics.AvxVnni.IsSupported, InstructionSet.AvxVnni),
            (X86Intrinsics.Avx512F.IsSupported, InstructionSet.Avx512F),
            (X86Intrinsics.Avx512CD.IsSupported, InstructionSet.Avx512CD),
            (X86Intrinsics.Avx512BW.IsSupported, InstructionSet.Avx512BW),
            (X86Intrinsics.Avx512DQ.IsSupported, InstructionSet.Avx512DQ),
            (X86Intrinsics.Avx512F.VL.IsSupported, InstructionSet.Avx512VL),
            (X86Intrinsics.Avx512Vbmi.IsSupported, InstructionSet.Avx512Vbmi),
            (X86Intrinsics.Avx512Vbmi2.IsSupported, InstructionSet.Avx512Vbmi2),
            (X86Intrinsics.Avx10v1.IsSupported, InstructionSet.Avx10v1),
            (X86Intrinsics.Avx10v2.IsSupported, InstructionSet.Avx10v2),
            (ArmIntrinsics.AdvSimd.IsSupported, InstructionSet.AdvSimd),
            (ArmIntrinsics.Dp.IsSupported, InstructionSet.ArmDotProduct),
            (ArmIntrinsics.Rdm.IsSupported, InstructionSet.ArmRdm),
#pragma warning disable SYSLIB5003 // SVE is experimental in .NET 10; only its support flag is read here.
            (ArmIntrinsics.Sve.IsSupported, InstructionSet.Sve),
            (ArmIntrinsics.Sve2.IsSupported, InstructionSet.Sve2),
#pragma warning restore SYSLIB5003
        ];
        return probes.Where(probe => probe.Supported).Select(probe => probe.Set);
    }

    /// <summary>The widest vector the runtime accelerates; the engine picks the same one.</summary>
    public static SimdWidth EngineSimdWidth()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return SimdWidth.FromBits(512);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            return SimdWidth.FromBits(256);
        }
        return SimdWidth.FromBits(Vector128.IsHardwareAccelerated ? 128 : 32);
    }
}
