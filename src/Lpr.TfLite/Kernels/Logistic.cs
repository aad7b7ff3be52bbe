namespace Lpr.TfLite.Kernels;

/// <summary>LOGISTIC on int8/uint8: a lookup table of 1/(1+exp(-x)) in float; output scale 1/256, zero point -128 (int8) or 0 (uint8).</summary>
internal static class Logistic
{
    public static OpKernel Prepare(KernelContext context, KernelVariant variant) =>
        new LookupTable(context, static x => 1.0f / (1.0f + MathF.Exp(-x)), 1f / 256, -128, 0);
}
