using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Which lanes an elementwise or reduction kernel (MUL, ADD/SUB, MEAN/SUM) runs in, decided once at Prepare: eight on
/// AVX2 (<see cref="Lanes8"/>) for the SIMD variant, else four wherever <see cref="Vector128"/> is hardware accelerated
/// (<see cref="Lanes4"/>; the portable variant takes them on any CPU, so x64 checks the path arm64 runs), with AdvSimd's
/// doubling high multiply only for the SIMD variant on arm64. None when the kernel's own conditions rule vectors out.
/// </summary>
internal readonly record struct LaneChoice(bool Eight, bool Four, bool AdvSimd)
{
    /// <param name="variant">The kernel variant Prepare was asked for; the reference variant takes no lanes.</param>
    /// <param name="eligible">The kernel's own conditions (shapes, shift ranges) for its vector loops.</param>
    public static LaneChoice For(KernelVariant variant, bool eligible)
    {
        var lanes = eligible && variant != KernelVariant.Reference;
        var eight = lanes && variant == KernelVariant.Simd && Avx2.IsSupported;
        return new LaneChoice(eight, lanes && !eight && Vector128.IsHardwareAccelerated, variant == KernelVariant.Simd && System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported);
    }
}
