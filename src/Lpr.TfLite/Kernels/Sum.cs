using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// SUM as TFLite 2.2: with equal input/output quantization the raw values are summed in the element type
/// (wrapping, as the generic reducer does); otherwise rescaled through float with TFLite's +0.5 bias.
/// </summary>
internal sealed class Sum : Reduce
{
    private readonly bool rescale;
    private readonly float scale, bias;

    private Sum(KernelContext context, KernelVariant variant)
        : base(context, variant)
    {
        if (Input.Type == TensorType.Float32)
        {
            return;
        }

        context.ExpectQuantized(Input, "input");
        context.ExpectQuantized(Output, "output");
        rescale = Input.Scale != Output.Scale || Input.ZeroPoint != Output.ZeroPoint;
        scale = Input.Scale / Output.Scale;
        bias = (-Input.ZeroPoint * scale * ReducedCount) + 0.5f;
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Sum(context, variant);

    public override void Eval()
    {
        SumRaw();
        if (Input.Type == TensorType.Float32)
        {
            FloatSums.AsSpan().CopyTo(Output.As<float>());
            return;
        }

        for (var i = 0; i < Sums.Length; i++)
        {
            Store(i, rescale ? (int)QuantizedMath.RoundF((Sums[i] * scale) + bias) + Output.ZeroPoint : Sums[i]);
        }
    }
}
