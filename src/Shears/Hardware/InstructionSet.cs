namespace Shears.Hardware;

/// <summary>Instruction-set extensions that matter for neural-network kernels.</summary>
public enum InstructionSet
{
    // x86
    Sse41,
    Sse42,
    Avx,
    Avx2,
    Fma,
    AvxVnni,
    Avx512F,
    Avx512CD,
    Avx512BW,
    Avx512DQ,
    Avx512VL,
    Avx512Vbmi,
    Avx512Vbmi2,
    Avx512Vnni,
    Avx512Bf16,
    Avx512Fp16,
    Avx10v1,
    Avx10v2,
    AmxTile,
    AmxInt8,
    AmxBf16,

    // Arm
    AdvSimd,
    ArmDotProduct,
    ArmRdm,
    ArmFp16,
    ArmI8mm,
    ArmBf16,
    Sve,
    Sve2,
}
