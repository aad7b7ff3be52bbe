using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// ADD with broadcasting. int8/uint8 follow TFLite's general rescaling path: both inputs are shifted left by
/// 20 bits, scaled to twice the larger input scale, summed, then scaled to the output. SUB reuses it with
/// the second input's multiplier negated. float32 adds and clamps. Same-shape quantized inputs (the residual adds of a
/// MobileNet) take eight elements at a time on AVX2 (<see cref="Requantizer.MultiplyByQuantizedMultiplier"/>), four
/// elsewhere (<see cref="Lanes4"/>, AdvSimd on arm64), the same integers as the element loop.
/// </summary>
internal sealed class Add : OpKernel
{
    private const int LeftShift = 20;

    private readonly KernelTensor a, b, output;
    private readonly int[] indexA = [], indexB = [];
    private readonly bool sameShape;
    private readonly int offsetA, offsetB, outputOffset;
    private readonly int multiplierA, shiftA, multiplierB, shiftB, outputMultiplier, outputShift, actMin, actMax;
    private readonly float floatMin, floatMax;
    private readonly bool subtract;
    private readonly bool vectorized;
    private readonly bool vectorized4;
    private readonly bool advSimd;

    private Add(KernelContext context, bool subtract, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        this.subtract = subtract;
        a = context.Input(0);
        b = context.Input(1);
        output = context.Output(0);
        context.ExpectType(a, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(a, b);
        context.ExpectSameType(a, output);
        var activation = subtract
            ? (context.OptionalOptions<SubOptions>()?.Activation ?? ActivationFunction.None)
            : (context.OptionalOptions<AddOptions>()?.Activation ?? ActivationFunction.None);
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

        // The sequence of float/double operations of TFLite's Prepare (2 * max(float) is a float).
        double twiceMaxInputScale = 2 * Math.Max(a.Scale, b.Scale);
        var realA = a.Scale / twiceMaxInputScale;
        var realB = b.Scale / twiceMaxInputScale;
        var realOutput = twiceMaxInputScale / ((1 << LeftShift) * output.Scale);
        (multiplierA, shiftA) = QuantizedMath.QuantizeMultiplierSmallerThanOneExp(realA);
        (multiplierB, shiftB) = QuantizedMath.QuantizeMultiplierSmallerThanOneExp(realB);
        if (realOutput >= 1.0)
        {
            throw context.Unsupported($"output scale {output.Scale} is too small for the inputs' scales");
        }

        (outputMultiplier, outputShift) = QuantizedMath.QuantizeMultiplierSmallerThanOneExp(realOutput);
        if (subtract)
        {
            multiplierB = -multiplierB;
        }

        (actMin, actMax) = QuantizedMath.ActivationRange(activation, output.Type, output.Scale, output.ZeroPoint);
        (vectorized, vectorized4, advSimd) = LaneChoice.For(variant, sameShape && shiftA >= -31 && shiftB >= -31 && outputShift >= -31);
    }

    public static OpKernel PrepareAdd(KernelContext context, KernelVariant variant) => new Add(context, subtract: false, variant);

    public static OpKernel PrepareSub(KernelContext context, KernelVariant variant) => new Add(context, subtract: true, variant);

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
                EvalFloat(a.As<float>(), b.As<float>(), output.As<float>());
                break;
        }
    }

    private void EvalQuantized<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        var i = vectorized ? EvalVectorized(x, y, result) : vectorized4 ? EvalVectorized4(x, y, result) : 0;
        for (; i < result.Length; i++)
        {
            var valueA = int.CreateTruncating(x[sameShape ? i : indexA[i]]) + offsetA;
            var valueB = int.CreateTruncating(y[sameShape ? i : indexB[i]]) + offsetB;
            var scaledA = QuantizedMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(valueA * (1 << LeftShift), multiplierA, shiftA);
            var scaledB = QuantizedMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(valueB * (1 << LeftShift), multiplierB, shiftB);
            var raw = QuantizedMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(scaledA + scaledB, outputMultiplier, outputShift) + outputOffset;
            result[i] = T.CreateTruncating(KernelUtil.Clamp(raw, actMin, actMax));
        }
    }

    /// <summary>The element loop eight at a time; returns where the scalar tail starts.</summary>
    private int EvalVectorized<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        const int Lanes = Lanes8.Count;
        var (vOffsetA, vOffsetB) = (Vector256.Create(offsetA), Vector256.Create(offsetB));
        var (vMultiplierA, vShiftA) = (Vector256.Create(multiplierA), Vector256.Create(shiftA));
        var (vMultiplierB, vShiftB) = (Vector256.Create(multiplierB), Vector256.Create(shiftB));
        var (vOutputMultiplier, vOutputShift) = (Vector256.Create(outputMultiplier), Vector256.Create(outputShift));
        var (vOutputOffset, vMin, vMax) = (Vector256.Create(outputOffset), Vector256.Create(actMin), Vector256.Create(actMax));
        var i = 0;
        for (; i + Lanes <= result.Length; i += Lanes)
        {
            var scaledA = Requantizer.MultiplyByQuantizedMultiplier(Avx2.ShiftLeftLogical(Lanes8.Load(x.Slice(i)) + vOffsetA, LeftShift), vMultiplierA, vShiftA);
            var scaledB = Requantizer.MultiplyByQuantizedMultiplier(Avx2.ShiftLeftLogical(Lanes8.Load(y.Slice(i)) + vOffsetB, LeftShift), vMultiplierB, vShiftB);
            var raw = Requantizer.MultiplyByQuantizedMultiplier(scaledA + scaledB, vOutputMultiplier, vOutputShift) + vOutputOffset;
            Lanes8.Store(Avx2.Min(Avx2.Max(raw, vMin), vMax), result.Slice(i, Lanes));
        }

        return i;
    }

    /// <summary>The element loop four at a time; returns where the scalar tail starts.</summary>
    private int EvalVectorized4<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        var (vOffsetA, vOffsetB) = (Vector128.Create(offsetA), Vector128.Create(offsetB));
        var (vOutputOffset, vMin, vMax) = (Vector128.Create(outputOffset), Vector128.Create(actMin), Vector128.Create(actMax));
        var i = 0;
        for (; i + Lanes4.Count <= result.Length; i += Lanes4.Count)
        {
            var scaledA = Lanes4.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(Lanes4.Load(x.Slice(i)) + vOffsetA, LeftShift), multiplierA, shiftA, advSimd);
            var scaledB = Lanes4.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(Lanes4.Load(y.Slice(i)) + vOffsetB, LeftShift), multiplierB, shiftB, advSimd);
            var raw = Lanes4.MultiplyByQuantizedMultiplier(scaledA + scaledB, outputMultiplier, outputShift, advSimd) + vOutputOffset;
            Lanes4.Store(Vector128.Min(Vector128.Max(raw, vMin), vMax), result.Slice(i, Lanes4.Count));
        }

        return i;
    }

    private void EvalFloat(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
    {
        for (var i = 0; i < result.Length; i++)
        {
            var value = subtract
                ? x[sameShape ? i : indexA[i]] - y[sameShape ? i : indexB[i]]
                : x[sameShape ? i : indexA[i]] + y[sameShape ? i : indexB[i]];
            result[i] = Math.Min(Math.Max(value, floatMin), floatMax);
        }
    }
}
