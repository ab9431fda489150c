namespace Shears.Hardware;

/// <summary>Instruction-set extensions that matter for neural-network kernels.</summary>
public enum InstructionSet
{
    // x86
    /// <summary>x86 SSE4.1: 128-bit vectors with blends, dot products and rounding.</summary>
    Sse41,
    /// <summary>x86 SSE4.2: SSE4.1 plus string and CRC instructions.</summary>
    Sse42,
    /// <summary>x86 AVX: 256-bit float vectors.</summary>
    Avx,
    /// <summary>x86 AVX2: 256-bit integer vectors, gathers and permutes.</summary>
    Avx2,
    /// <summary>x86 FMA3: fused multiply-add on 128- and 256-bit vectors, the core of float GEMM kernels.</summary>
    Fma,
    /// <summary>x86 AVX-VNNI: int8 dot products on 256-bit vectors without AVX-512.</summary>
    AvxVnni,
    /// <summary>x86 AVX-512 Foundation: 512-bit vectors and mask registers.</summary>
    Avx512F,
    /// <summary>x86 AVX-512 Conflict Detection.</summary>
    Avx512CD,
    /// <summary>x86 AVX-512 Byte and Word: 8- and 16-bit integer lanes.</summary>
    Avx512BW,
    /// <summary>x86 AVX-512 Doubleword and Quadword: 32- and 64-bit integer and extra float operations.</summary>
    Avx512DQ,
    /// <summary>x86 AVX-512 Vector Length: AVX-512 instructions on 128- and 256-bit vectors.</summary>
    Avx512VL,
    /// <summary>x86 AVX-512 Vector Byte Manipulation: byte permutes.</summary>
    Avx512Vbmi,
    /// <summary>x86 AVX-512 VBMI2: byte and word compress, expand and shifts.</summary>
    Avx512Vbmi2,
    /// <summary>x86 AVX-512 VNNI: int8 and int16 dot products for quantized inference.</summary>
    Avx512Vnni,
    /// <summary>x86 AVX-512 BF16: bfloat16 conversions and dot products.</summary>
    Avx512Bf16,
    /// <summary>x86 AVX-512 FP16: arithmetic on half-precision floats.</summary>
    Avx512Fp16,
    /// <summary>x86 AVX10.1: the converged AVX-512 feature set, version 1.</summary>
    Avx10v1,
    /// <summary>x86 AVX10.2: AVX10 version 2.</summary>
    Avx10v2,
    /// <summary>x86 AMX tiles: the tile registers Intel's matrix engine works on.</summary>
    AmxTile,
    /// <summary>x86 AMX-INT8: int8 matrix multiply on tiles.</summary>
    AmxInt8,
    /// <summary>x86 AMX-BF16: bfloat16 matrix multiply on tiles.</summary>
    AmxBf16,

    // Arm
    /// <summary>Arm Advanced SIMD (NEON): 128-bit vectors.</summary>
    AdvSimd,
    /// <summary>Arm dot-product instructions (SDOT/UDOT) for int8.</summary>
    ArmDotProduct,
    /// <summary>Arm rounding doubling multiply-accumulate (RDM), used in fixed-point kernels.</summary>
    ArmRdm,
    /// <summary>Arm half-precision float arithmetic.</summary>
    ArmFp16,
    /// <summary>Arm int8 matrix multiply (I8MM).</summary>
    ArmI8mm,
    /// <summary>Arm bfloat16 arithmetic and matrix multiply.</summary>
    ArmBf16,
    /// <summary>Arm Scalable Vector Extension: vectors whose length the hardware chooses.</summary>
    Sve,
    /// <summary>Arm SVE2: SVE extended to the NEON-class integer operations.</summary>
    Sve2,
}
