using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>REDUCE_MAX: the largest raw value per output element (no rescaling, as TFLite 2.2).</summary>
internal sealed class ReduceMax : Reduce
{
    private ReduceMax(KernelContext context)
        : base(context)
    {
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new ReduceMax(context);

    public override void Eval()
    {
        var max = Sums.AsSpan();
        switch (Input.Type)
        {
            case TensorType.Int8:
                max.Fill(sbyte.MinValue);
                var signed = Input.As<sbyte>();
                for (var i = 0; i < signed.Length; i++)
                {
                    max[OutputIndex[i]] = Math.Max(max[OutputIndex[i]], signed[i]);
                }

                break;
            case TensorType.UInt8:
                max.Clear();
                var unsigned = Input.Bytes;
                for (var i = 0; i < unsigned.Length; i++)
                {
                    max[OutputIndex[i]] = Math.Max(max[OutputIndex[i]], unsigned[i]);
                }

                break;
            default:
                var floats = FloatSums.AsSpan();
                floats.Fill(float.MinValue);
                var values = Input.As<float>();
                for (var i = 0; i < values.Length; i++)
                {
                    floats[OutputIndex[i]] = Math.Max(floats[OutputIndex[i]], values[i]);
                }

                floats.CopyTo(Output.As<float>());
                return;
        }

        for (var i = 0; i < max.Length; i++)
        {
            Store(i, max[i]);
        }
    }
}
