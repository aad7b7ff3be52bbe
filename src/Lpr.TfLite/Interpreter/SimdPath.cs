using System.Runtime.Intrinsics;
using Lpr.TfLite.Kernels;

namespace Lpr.TfLite.Interpreter;

/// <summary>
/// Which instructions the vectorized kernels' integer dot products use (<see cref="ManagedInterpreterOptions.SimdPath"/>).
/// Every path gives the reference kernels' bytes exactly; choosing one lets a single machine check another CPU's path.
/// </summary>
public enum SimdPath
{
    /// <summary>The fastest this CPU has: AVX2 on x64, AdvSimd (NEON) on arm64, else the portable path.</summary>
    Best,

    /// <summary>Only the cross-platform <see cref="Vector128"/> API: what a CPU without AVX2 or NEON runs.</summary>
    Portable,
}

/// <summary>What this process's CPU offers the managed interpreter, for logs and the arm64 check.</summary>
public static class SimdPaths
{
    /// <summary>
    /// The instructions <see cref="SimdPath.Best"/> takes here: <c>avx2</c>, <c>advsimd</c> or <c>vector128</c>. The
    /// runtime's own switches force the others process-wide, e.g. <c>DOTNET_EnableAVX2=0</c> or <c>DOTNET_EnableHWIntrinsic=0</c>.
    /// </summary>
    public static string Best => SimdDot.BestPath;

    /// <summary>One line: the best path and whether <see cref="Vector128"/> is hardware accelerated.</summary>
    public static string Describe() =>
        $"dot products: {Best}; AdvSimd {(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "supported" : "not supported")}; " +
        $"Avx2 {(System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "supported" : "not supported")}; " +
        $"Vector128 {(Vector128.IsHardwareAccelerated ? "hardware accelerated" : "software")}";
}
