using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// MUL with broadcasting: int8/uint8 multiply the offset inputs in int32 and requantize once with
/// scale_a*scale_b/scale_out (computed in float, as TFLite 2.2 does); float32 multiplies and clamps.
/// </summary>
internal sealed partial class Mul : OpKernel
{
    private readonly KernelTensor a, b, output;
    private readonly int[] indexA = [], indexB = [];
    private readonly bool sameShape;
    private readonly int offsetA, offsetB, outputOffset, multiplier, shift, actMin, actMax;
    private readonly float floatMin, floatMax;

    /// <summary>
    /// TFLite 2.2's uint8 MUL, when it broadcasts a scalar over the innermost run (its MulSimpleBroadcast),
    /// applies the multiplier in the "smaller than one" form even when it is above one (a positive exponent
    /// then becomes a negative shift count, which x86 and .NET both mask the same way); reproduced so that
    /// results stay identical. The other paths are correct.
    /// </summary>
    private readonly bool legacyUInt8Broadcast;

    private Mul(KernelContext context, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        a = context.Input(0);
        b = context.Input(1);
        output = context.Output(0);
        context.ExpectType(a, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(a, b);
        context.ExpectSameType(a, output);
        var activation = context.OptionalOptions<MulOptions>()?.Activation ?? ActivationFunction.None;
        var broadcast = Broadcast.Create(context, a, b, output);
        sameShape = broadcast.SameShape;
        if (!sameShape)
        {
            (indexA, indexB) = broadcast.Indices(context);
        }

        if (a.Type == TensorType.Float32)
        {
            (floatMin, floatMax) = QuantizedMath.ActivationRangeFloat(activation);
            return;
        }

        context.ExpectQuantized(a, "input 0");
        context.ExpectQuantized(b, "input 1");
        context.ExpectQuantized(output, "output");
        offsetA = -a.ZeroPoint;
        offsetB = -b.ZeroPoint;
        outputOffset = output.ZeroPoint;
        var realMultiplier = a.Scale * b.Scale / output.Scale; // float arithmetic, as TFLite
        (multiplier, shift) = QuantizedMath.QuantizeMultiplier(realMultiplier);
        legacyUInt8Broadcast = a.Type == TensorType.UInt8 && broadcast.TfLiteScalarInnerBroadcast;
        (actMin, actMax) = QuantizedMath.ActivationRange(activation, output.Type, output.Scale, output.ZeroPoint);
        (vectorized, vectorized4, advSimd) = LaneChoice.For(variant, variant != KernelVariant.Reference && !legacyUInt8Broadcast && shift is >= -31 and <= 31 && PlanRows(output));
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Mul(context, variant);

    public override void Eval()
    {
        switch (a.Type)
        {
            case TensorType.Int8:
                EvalQuantized<sbyte>(a.As<sbyte>(), b.As<sbyte>(), output.As<sbyte>());
                break;
            case TensorType.UInt8:
                EvalQuantized<byte>(a.Bytes, b.Bytes, output.Bytes);
                break;
            default:
                var x = a.As<float>();
                var y = b.As<float>();
                var result = output.As<float>();
                for (var i = 0; i < result.Length; i++)
                {
                    var value = x[sameShape ? i : indexA[i]] * y[sameShape ? i : indexB[i]];
                    result[i] = Math.Min(Math.Max(value, floatMin), floatMax);
                }

                break;
        }
    }

    private void EvalQuantized<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        if (vectorized)
        {
            EvalRows(x, y, result);
            return;
        }

        if (vectorized4)
        {
            EvalRows4(x, y, result);
            return;
        }

        for (var i = 0; i < result.Length; i++)
        {
            var valueA = int.CreateTruncating(x[sameShape ? i : indexA[i]]) + offsetA;
            var valueB = int.CreateTruncating(y[sameShape ? i : indexB[i]]) + offsetB;
            var raw = (legacyUInt8Broadcast
                ? QuantizedMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(valueA * valueB, multiplier, shift)
                : QuantizedMath.MultiplyByQuantizedMultiplier(valueA * valueB, multiplier, shift)) + outputOffset;
            result[i] = T.CreateTruncating(KernelUtil.Clamp(raw, actMin, actMax));
        }
    }
}
