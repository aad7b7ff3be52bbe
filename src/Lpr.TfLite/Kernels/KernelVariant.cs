namespace Lpr.TfLite.Kernels;

/// <summary>Which implementation of a kernel Prepare picks. Both produce identical bytes; tests check both.</summary>
internal enum KernelVariant
{
    /// <summary>Plain loops, the TFLite reference formulation.</summary>
    Reference,

    /// <summary>Vectorized (System.Runtime.Intrinsics) variants where an op has one, reference elsewhere.</summary>
    Simd,

    /// <summary>
    /// The vectorized variants with the cross-platform Vector128 dot products instead of AVX2 or NEON: the path a CPU
    /// without either takes, checkable on one that has them.
    /// </summary>
    PortableSimd,
}
