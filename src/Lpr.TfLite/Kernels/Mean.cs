using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// MEAN as TFLite 2.2 computes it, which depends on the case: int8 4-D keep_dims over H and W (global
/// average pooling) uses an integer multiplier and rounding division; equal input/output quantization
/// divides the raw sum, truncating; otherwise a float rescale with TFLite's +0.5 then round. float32 divides.
/// </summary>
internal sealed class Mean : Reduce
{
    private readonly Path path;
    private readonly int multiplier, shift;
    private readonly float scale, bias;
    private readonly int typeMin, typeMax;

    private Mean(KernelContext context, KernelVariant variant)
        : base(context, variant)
    {
        if (ReducedCount == 0 && Output.ElementCount > 0)
        {
            throw context.Invalid($"input '{Input.Name}' [{string.Join(',', Input.Shape)}] is empty along the averaged axes");
        }

        if (Input.Type == TensorType.Float32)
        {
            path = Path.Float;
            return;
        }

        context.ExpectQuantized(Input, "input");
        context.ExpectQuantized(Output, "output");
        (typeMin, typeMax) = QuantizedMath.TypeRange(Input.Type);
        if (Input.Type == TensorType.Int8 && KeepDims && Input.Rank == 4 && Axes.Length == 2 && Axes[0] == 1 && Axes[1] == 2)
        {
            path = Path.SpatialInt8;
            (multiplier, shift) = QuantizedMath.QuantizeMultiplier((double)Input.Scale / Output.Scale);
        }
        else if (Input.Type == TensorType.UInt8 && KeepDims && Input.Rank == 4 && Axes.Length == 2 && Axes[0] == 1 && Axes[1] == 2)
        {
            throw context.Unsupported("uint8 MEAN over height and width");
        }
        else if (Input.Scale == Output.Scale && Input.ZeroPoint == Output.ZeroPoint)
        {
            path = Path.SameScale;
        }
        else
        {
            path = Path.Rescale;
            scale = Input.Scale / Output.Scale;
            bias = (-Input.ZeroPoint * scale) + 0.5f;
        }
    }

    private enum Path
    {
        Float,
        SpatialInt8,
        SameScale,
        Rescale,
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Mean(context, variant);

    public override void Eval()
    {
        SumRaw();
        var count = ReducedCount;
        switch (path)
        {
            case Path.Float:
                var result = Output.As<float>();
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = FloatSums[i] / count;
                }

                return;
            case Path.SpatialInt8:
                var inputZeroPoint = Input.ZeroPoint;
                for (var i = 0; i < Sums.Length; i++)
                {
                    var acc = Sums[i] - (count * inputZeroPoint);
                    acc = QuantizedMath.MultiplyByQuantizedMultiplier(acc, multiplier, shift);
                    acc = acc > 0 ? (acc + (count / 2)) / count : (acc - (count / 2)) / count;
                    Store(i, KernelUtil.Clamp(acc + Output.ZeroPoint, typeMin, typeMax));
                }

                return;
            case Path.SameScale:
                for (var i = 0; i < Sums.Length; i++)
                {
                    Store(i, count == 0 ? 0 : Sums[i] / count);
                }

                return;
            default:
                for (var i = 0; i < Sums.Length; i++)
                {
                    var floatMean = (float)Sums[i] / count;
                    var value = QuantizedMath.RoundF((floatMean * scale) + bias) + Output.ZeroPoint;
                    value = Math.Max(Math.Min(value, typeMax), typeMin);
                    Store(i, (int)value);
                }

                return;
        }
    }
}
