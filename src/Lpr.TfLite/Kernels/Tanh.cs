namespace Lpr.TfLite.Kernels;

/// <summary>TANH on int8/uint8: a lookup table of tanh(x) in float; output scale 1/128, zero point 0 (int8) or 128 (uint8).</summary>
internal static class Tanh
{
    public static OpKernel Prepare(KernelContext context, KernelVariant variant) =>
        new LookupTable(context, MathF.Tanh, 1f / 128, 0, 128);
}
