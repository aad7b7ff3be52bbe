using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>
/// The lowest operator version that expresses an operator with its tensor types and options, following
/// the rules TFLite's converter applies (tools/versioning). Writing the lowest version keeps files
/// loadable by old runtimes (TFLite 2.2, the Coral runtime), which reject versions they do not know.
/// </summary>
public static class OperatorVersions
{
    /// <summary>Minimum version of <paramref name="op"/> applied to the given tensors and options.</summary>
    public static int Minimum(BuiltinOperator op, IReadOnlyList<TensorInfo?> inputs, IReadOnlyList<TensorInfo> outputs, OperatorOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var in0 = inputs.Count > 0 ? inputs[0]?.Type : null;
        var in1 = inputs.Count > 1 ? inputs[1]?.Type : null;
        var out0 = outputs.Count > 0 ? outputs[0].Type : (TensorType?)null;
        var rank0 = inputs.Count > 0 && inputs[0] is { } first ? first.Shape.Length : 0;
        var isInt8 = in0 == TensorType.Int8;
        var isInt16 = in0 == TensorType.Int16;
        var hybrid = in0 == TensorType.Float32 && in1 == TensorType.Int8 && out0 == TensorType.Float32;

        switch (op)
        {
            case BuiltinOperator.Conv2D:
                if (isInt16 && in1 == TensorType.Int8)
                {
                    return 4;
                }

                if (isInt8 && in1 == TensorType.Int8 && out0 == TensorType.Int8)
                {
                    return 3;
                }

                return hybrid ? (IsPerChannel(inputs[1]) ? 5 : 2) : 1;

            case BuiltinOperator.DepthwiseConv2D:
                if (isInt16)
                {
                    return 5;
                }

                if (hybrid)
                {
                    return IsPerChannel(inputs[1]) ? 6 : 4;
                }

                if (isInt8 && in1 == TensorType.Int8 && out0 == TensorType.Int8)
                {
                    return 3;
                }

                return options is DepthwiseConv2DOptions { DilationWidth: not 1 } or DepthwiseConv2DOptions { DilationHeight: not 1 } ? 2 : 1;

            case BuiltinOperator.FullyConnected:
            {
                var fc = options as FullyConnectedOptions ?? new FullyConnectedOptions();
                if (isInt16 && in1 == TensorType.Int16)
                {
                    return 7;
                }

                if (inputs.Count == 2)
                {
                    return 6; // no bias operand at all (an absent bias written as -1 keeps the older versions)
                }

                if (fc.KeepNumDims)
                {
                    return 5;
                }

                if (isInt8 && in1 == TensorType.Int8 && out0 == TensorType.Int8)
                {
                    return 4;
                }

                if (hybrid)
                {
                    return fc.AsymmetricQuantizeInputs ? 9 : 3;
                }

                return fc.WeightsFormat == FullyConnectedWeightsFormat.Shuffled4x16Int8 ? 2 : 1;
            }

            case BuiltinOperator.Mul:
                if (isInt16)
                {
                    return 4;
                }

                if (in0 == TensorType.Int64)
                {
                    return 5;
                }

                if (MulRescaleAtLeastOne(inputs, outputs))
                {
                    return 3;
                }

                return isInt8 ? 2 : 1;

            case BuiltinOperator.Add:
                if (in0 == TensorType.Int64)
                {
                    return 4;
                }

                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Sub:
                if (in0 == TensorType.Int64)
                {
                    return 4;
                }

                if (NeedsBroadcast(inputs) && MaxRank(inputs) > 4)
                {
                    return 3;
                }

                return isInt8 ? 2 : 1;

            case BuiltinOperator.MaxPool2D or BuiltinOperator.AveragePool2D:
                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Transpose:
                if (rank0 > 5)
                {
                    return 6;
                }

                if (isInt16)
                {
                    return 5;
                }

                if (rank0 > 4)
                {
                    return 4;
                }

                return in0 == TensorType.Bool ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Pad or BuiltinOperator.PadV2:
                return rank0 > 4 ? 4 : isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Concatenation:
                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Softmax or BuiltinOperator.Mean or BuiltinOperator.MirrorPad or BuiltinOperator.ReduceMax
                or BuiltinOperator.ReduceMin or BuiltinOperator.Relu6 or BuiltinOperator.Rsqrt:
                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Relu:
                return isInt16 ? 3 : (isInt8 || in0 == TensorType.UInt8) ? 2 : 1;

            case BuiltinOperator.Tanh or BuiltinOperator.Logistic:
                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Sum or BuiltinOperator.LogSoftmax or BuiltinOperator.Greater or BuiltinOperator.LessEqual
                or BuiltinOperator.SquaredDifference or BuiltinOperator.DepthToSpace or BuiltinOperator.SpaceToDepth
                or BuiltinOperator.SplitV:
                return isInt8 ? 2 : 1;

            case BuiltinOperator.ReduceProd:
                return isInt8 || isInt16 ? 2 : 1;

            case BuiltinOperator.Dequantize:
                if (isInt16 || in0 == TensorType.Float16)
                {
                    return 3;
                }

                return isInt8 ? (IsPerChannel(inputs[0]) ? 5 : 2) : 1;

            case BuiltinOperator.Quantize:
                if (outputs.Count > 0 && outputs[0].Quantization is { IsPerChannel: true })
                {
                    return 3;
                }

                return out0 == TensorType.Int16 ? 2 : 1;

            case BuiltinOperator.ResizeBilinear:
                if (isInt16)
                {
                    return 4;
                }

                return options is ResizeBilinearOptions { HalfPixelCenters: true } ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.ResizeNearestNeighbor:
                if (isInt16)
                {
                    return 4;
                }

                return options is ResizeNearestNeighborOptions { HalfPixelCenters: true } or ResizeNearestNeighborOptions { AlignCorners: true }
                    ? 3
                    : isInt8 ? 2 : 1;

            case BuiltinOperator.BatchMatMul:
                return isInt16 ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Gather:
                if (options is GatherOptions { BatchDims: not 0 })
                {
                    return 5;
                }

                return isInt16 ? 4 : in0 == TensorType.Bool ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.StridedSlice:
                if (options is StridedSliceOptions { EllipsisMask: not 0 } or StridedSliceOptions { NewAxisMask: not 0 })
                {
                    return 6;
                }

                if (rank0 > 4)
                {
                    return 4;
                }

                return in0 == TensorType.Bool ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.Split:
            {
                var data = inputs.Count > 1 ? inputs[1]?.Type : null;
                return data == TensorType.Int16 ? 4 : data == TensorType.Int32 ? 3 : data == TensorType.Int8 ? 2 : 1;
            }

            case BuiltinOperator.Pack:
                return isInt8 ? 2 : isInt16 ? 3 : 1;

            case BuiltinOperator.ArgMax or BuiltinOperator.ArgMin:
                return in0 == TensorType.Bool ? 3 : isInt8 ? 2 : 1;

            case BuiltinOperator.LeakyRelu:
                return isInt16 ? 2 : 1;

            case BuiltinOperator.Maximum or BuiltinOperator.Minimum:
                if (isInt16)
                {
                    return 4;
                }

                if (NeedsBroadcast(inputs) && MaxRank(inputs) > 4)
                {
                    return 3;
                }

                return isInt8 ? 2 : 1;

            default:
                return 1; // RESHAPE, SQUEEZE, EXPAND_DIMS, HARD_SWISH, ... have one version for these types
        }
    }

    private static bool IsPerChannel(TensorInfo? tensor) => tensor?.Quantization is { IsPerChannel: true };

    private static bool NeedsBroadcast(IReadOnlyList<TensorInfo?> inputs) =>
        inputs.Count >= 2 && inputs[0] is { } a && inputs[1] is { } b && !a.Shape.AsSpan().SequenceEqual(b.Shape.AsSpan());

    private static int MaxRank(IReadOnlyList<TensorInfo?> inputs) => inputs.Max(t => t?.Shape.Length ?? 0);

    private static bool MulRescaleAtLeastOne(IReadOnlyList<TensorInfo?> inputs, IReadOnlyList<TensorInfo> outputs)
    {
        if (inputs.Count < 2 || outputs.Count < 1)
        {
            return false;
        }

        var s1 = inputs[0]?.Quantization?.Scale.FirstOrDefault() ?? 0f;
        var s2 = inputs[1]?.Quantization?.Scale.FirstOrDefault() ?? 0f;
        var so = outputs[0].Quantization?.Scale.FirstOrDefault() ?? 0f;
        return s1 != 0 && s2 != 0 && so != 0 && (double)s1 * s2 / so >= 1.0;
    }
}
