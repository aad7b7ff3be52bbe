using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// FULLY_CONNECTED (filter [units, depth]; the input is flattened to [batches, depth]): int8 and uint8 with
/// per-tensor scales (TFLite 2.2 has no per-channel FC), int32 bias, fused ReLU/ReLU6.
/// </summary>
internal sealed partial class FullyConnected : OpKernel
{
    private readonly KernelTensor input;
    private readonly KernelTensor output;
    private readonly int batches, depth, units;
    private readonly int inputOffset, outputOffset, multiplier, shift, actMin, actMax;
    private readonly int[] bias;

    /// <summary>Filter values with the filter offset applied, [units][depth].</summary>
    private readonly int[] filter;
    private readonly bool simd;
    private readonly bool portableDot;

    private FullyConnected(KernelContext context, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        var filterTensor = context.Input(1);
        var biasTensor = context.OptionalInput(2);
        output = context.Output(0);
        var options = context.OptionalOptions<FullyConnectedOptions>() ?? new FullyConnectedOptions();
        if (options.WeightsFormat != FullyConnectedWeightsFormat.Default)
        {
            throw context.Unsupported($"weights format {options.WeightsFormat}");
        }

        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        context.ExpectSameType(input, filterTensor);
        context.ExpectRank(filterTensor, "filter", 2);
        context.ExpectConstant(filterTensor, "filter");
        context.ExpectQuantized(input, "input");
        context.ExpectQuantized(output, "output");
        if (filterTensor.Quantization is { IsPerChannel: true })
        {
            throw context.Unsupported("per-channel FULLY_CONNECTED weights (TFLite 2.2 quantizes FC per tensor)");
        }

        (units, depth) = (filterTensor.Shape[0], filterTensor.Shape[1]);
        if (depth == 0 || input.ElementCount % depth != 0)
        {
            throw context.Invalid($"input '{input.Name}' has {input.ElementCount} elements, not a multiple of the filter depth {depth}");
        }

        batches = input.ElementCount / depth;
        if (output.ElementCount != (long)batches * units || output.Rank == 0 || output.Dim(-1) != units)
        {
            throw context.Invalid($"output '{output.Name}' shape [{string.Join(',', output.Shape)}] does not hold {batches}x{units} results");
        }

        bias = KernelUtil.ReadBias(context, biasTensor, units);
        inputOffset = -input.ZeroPoint;
        outputOffset = output.ZeroPoint;
        var filterOffset = -filterTensor.ZeroPoint;
        (multiplier, shift) = QuantizedMath.QuantizeMultiplier(KernelUtil.ConvolutionMultiplier(input.Scale, filterTensor.Scale, output.Scale));
        (actMin, actMax) = QuantizedMath.ActivationRange(options.Activation, output.Type, output.Scale, output.ZeroPoint);

        var raw = filterTensor.Info.Data.Span;
        filter = new int[units * depth];
        for (var i = 0; i < filter.Length; i++)
        {
            filter[i] = (input.Type == TensorType.Int8 ? (sbyte)raw[i] : raw[i]) + filterOffset;
        }

        simd = variant != KernelVariant.Reference;
        portableDot = variant == KernelVariant.PortableSimd;
        if (simd)
        {
            PrepareSimd();
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new FullyConnected(context, variant);

    public override void Eval()
    {
        if (input.Type == TensorType.Int8)
        {
            Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>());
        }
        else
        {
            Eval<byte>(input.Bytes, output.Bytes);
        }
    }

    private void Eval<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        if (simd)
        {
            EvalSimd(inputData, outputData);
            return;
        }

        for (var b = 0; b < batches; b++)
        {
            for (var u = 0; u < units; u++)
            {
                var acc = 0;
                for (var d = 0; d < depth; d++)
                {
                    acc = unchecked(acc + (filter[(u * depth) + d] * (int.CreateTruncating(inputData[(b * depth) + d]) + inputOffset)));
                }

                acc = unchecked(acc + bias[u]);
                acc = QuantizedMath.MultiplyByQuantizedMultiplier(acc, multiplier, shift) + outputOffset;
                outputData[(b * units) + u] = T.CreateTruncating(KernelUtil.Clamp(acc, actMin, actMax));
            }
        }
    }
}
