using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// SOFTMAX over the last dimension on int8/uint8, output on the fixed 1/256 scale (zero point -128 for
/// int8, 0 for uint8). Computed as TFLite 2.2's optimized kernel does: a float table of exp(-scale*beta*d)
/// per distance d to the row maximum, float sum and reciprocal, rounding. The fixed-point reference
/// formulation (Q5.26 differences, gemmlowp exp, Q12.19 sum, Newton-Raphson reciprocal) is kept in
/// <see cref="EvalFixedPoint"/>; it differs from the table version in rare last bits.
/// </summary>
internal sealed class Softmax : OpKernel
{
    private const int ScaledDiffIntegerBits = 5;
    private const int AccumulationIntegerBits = 12;

    private readonly KernelTensor input, output;
    private readonly int depth, rows, inputMultiplier, inputLeftShift, diffMin;
    private readonly float beta;

    /// <summary>exp(-input_scale * beta * d) at index 255 - d.</summary>
    private readonly float[] expTable;

    private Softmax(KernelContext context)
    {
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        beta = context.OptionalOptions<SoftmaxOptions>()?.Beta ?? 1f;
        if (input.Rank is < 1 or > 4)
        {
            throw context.Unsupported($"SOFTMAX on rank {input.Rank} (1 to 4)");
        }

        context.ExpectShape(output, input.Shape);
        context.ExpectQuantized(input, "input");
        var expectedZeroPoint = input.Type == TensorType.Int8 ? -128 : 0;
        if (output.ZeroPoint != expectedZeroPoint || output.Scale != 1f / 256)
        {
            throw context.Invalid($"output '{output.Name}' must have scale 1/256 and zero point {expectedZeroPoint}");
        }

        depth = input.Shape[^1];
        rows = depth == 0 ? 0 : input.ElementCount / depth;

        // PreprocessSoftmaxScaling and CalculateInputRadius, in double as TFLite.
        var realMultiplier = Math.Min((double)beta * input.Scale * (1 << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
        (inputMultiplier, inputLeftShift) = QuantizedMath.QuantizeMultiplierGreaterThanOne(realMultiplier);
        var maxInputRescaled = 1.0 * ((1 << ScaledDiffIntegerBits) - 1) * (1L << (31 - ScaledDiffIntegerBits)) / (1L << inputLeftShift);
        diffMin = -(int)Math.Floor(maxInputRescaled);

        // TFLite 2.2's optimized kernel (what its builtin resolver runs) computes 8-bit softmax in float
        // from a table of exponentials; the fixed-point reference formulation differs in rare last bits.
        expTable = new float[256];
        var scale = -input.Scale * beta;
        for (var value = 0; value <= 255; value++)
        {
            expTable[255 - value] = MathF.Exp(scale * value);
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Softmax(context);

    public override void Eval()
    {
        if (input.Type == TensorType.Int8)
        {
            EvalTable<sbyte>(input.As<sbyte>(), output.As<sbyte>(), -128, 127);
        }
        else
        {
            EvalTable<byte>(input.Bytes, output.Bytes, 0, 255);
        }
    }

    /// <summary>The fixed-point formulation of TFLite's reference kernels (kept for comparison and tests).</summary>
    internal void EvalFixedPoint()
    {
        if (input.Type == TensorType.Int8)
        {
            Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>(), -128, 127);
        }
        else
        {
            Eval<byte>(input.Bytes, output.Bytes, 0, 255);
        }
    }

    private void EvalTable<T>(ReadOnlySpan<T> inputData, Span<T> outputData, int outMin, int outMax)
        where T : unmanaged, INumberBase<T>
    {
        var isUInt8 = typeof(T) == typeof(byte);
        for (var r = 0; r < rows; r++)
        {
            var row = inputData.Slice(r * depth, depth);
            var maxInRow = int.MinValue;
            foreach (var v in row)
            {
                maxInRow = Math.Max(maxInRow, int.CreateTruncating(v));
            }

            // table[255 - (max - x)] = exp(-input_scale * beta * (max - x))
            var offset = 255 - maxInRow;
            var sum = 0f;
            foreach (var v in row)
            {
                sum += expTable[offset + int.CreateTruncating(v)];
            }

            var inverseSum = 1.0f / (sum * output.Scale);
            var outRow = outputData.Slice(r * depth, depth);
            for (var c = 0; c < depth; c++)
            {
                var probability = expTable[offset + int.CreateTruncating(row[c])] * inverseSum;

                // uint8 rounds by adding 0.5 and truncating (TFLite's x86 specialization), int8 by std::round.
                var rounded = isUInt8 ? (int)(probability + 0.5f) : (int)MathF.Round(probability, MidpointRounding.AwayFromZero);
                outRow[c] = T.CreateTruncating(KernelUtil.Clamp(rounded + output.ZeroPoint, outMin, outMax));
            }
        }
    }

    private void Eval<T>(ReadOnlySpan<T> inputData, Span<T> outputData, int outMin, int outMax)
        where T : unmanaged, INumberBase<T>
    {
        for (var r = 0; r < rows; r++)
        {
            var row = inputData.Slice(r * depth, depth);
            var maxInRow = int.MinValue;
            foreach (var v in row)
            {
                maxInRow = Math.Max(maxInRow, int.CreateTruncating(v));
            }

            var sumOfExps = 0;
            foreach (var v in row)
            {
                var diff = int.CreateTruncating(v) - maxInRow;
                if (diff >= diffMin)
                {
                    var scaled = QuantizedMath.MultiplyByQuantizedMultiplierGreaterThanOne(diff, inputMultiplier, inputLeftShift);
                    var exp = FixedPointMath.ExpOnNegativeValues(scaled, ScaledDiffIntegerBits);
                    sumOfExps = unchecked(sumOfExps + QuantizedMath.RoundingDivideByPOT(exp, AccumulationIntegerBits));
                }
            }

            var shiftedScale = FixedPointMath.GetReciprocal(sumOfExps, AccumulationIntegerBits, out var numBitsOverUnit);
            var outRow = outputData.Slice(r * depth, depth);
            for (var c = 0; c < depth; c++)
            {
                var diff = int.CreateTruncating(row[c]) - maxInRow;
                if (diff >= diffMin)
                {
                    var scaled = QuantizedMath.MultiplyByQuantizedMultiplierGreaterThanOne(diff, inputMultiplier, inputLeftShift);
                    var exp = FixedPointMath.ExpOnNegativeValues(scaled, ScaledDiffIntegerBits);
                    var unsat = QuantizedMath.RoundingDivideByPOT(FixedPointMath.Mul(shiftedScale, exp), numBitsOverUnit + 31 - 8);
                    outRow[c] = T.CreateTruncating(KernelUtil.Clamp(unsat + outMin, outMin, outMax));
                }
                else
                {
                    outRow[c] = T.CreateTruncating(outMin);
                }
            }
        }
    }
}
