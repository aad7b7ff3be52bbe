using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>Encodes typed builtin options as their schema tables (field slots as in the schema).</summary>
internal static class OptionsWriter
{
    public static int Write(FlatBufferBuilder b, OperatorOptions options)
    {
        // Vectors must be written before the table that points at them.
        var vector = options switch
        {
            ReshapeOptions r => b.CreateInt32Vector(r.NewShape.AsSpan()),
            SqueezeOptions s => b.CreateInt32Vector(s.SqueezeDims.AsSpan()),
            _ => 0,
        };

        switch (options)
        {
            case Conv2DOptions o:
                b.StartTable(6);
                b.AddByte(0, (byte)o.Padding);
                b.AddInt32(1, o.StrideWidth);
                b.AddInt32(2, o.StrideHeight);
                b.AddByte(3, (byte)o.Activation);
                b.AddInt32(4, o.DilationWidth);
                b.AddInt32(5, o.DilationHeight);
                break;
            case DepthwiseConv2DOptions o:
                b.StartTable(7);
                b.AddByte(0, (byte)o.Padding);
                b.AddInt32(1, o.StrideWidth);
                b.AddInt32(2, o.StrideHeight);
                b.AddInt32(3, o.DepthMultiplier);
                b.AddByte(4, (byte)o.Activation);
                b.AddInt32(5, o.DilationWidth);
                b.AddInt32(6, o.DilationHeight);
                break;
            case Pool2DOptions o:
                b.StartTable(6);
                b.AddByte(0, (byte)o.Padding);
                b.AddInt32(1, o.StrideWidth);
                b.AddInt32(2, o.StrideHeight);
                b.AddInt32(3, o.FilterWidth);
                b.AddInt32(4, o.FilterHeight);
                b.AddByte(5, (byte)o.Activation);
                break;
            case FullyConnectedOptions o:
                // Fields beyond the first two are written only when set, so old runtimes see the table they know.
                b.StartTable(4);
                b.AddByte(0, (byte)o.Activation);
                b.AddByte(1, (byte)o.WeightsFormat);
                if (o.KeepNumDims)
                {
                    b.AddBool(2, true);
                }

                if (o.AsymmetricQuantizeInputs)
                {
                    b.AddBool(3, true);
                }

                break;
            case SoftmaxOptions o:
                b.StartTable(1);
                b.AddSingle(0, o.Beta);
                break;
            case ConcatenationOptions o:
                b.StartTable(2);
                b.AddInt32(0, o.Axis);
                b.AddByte(1, (byte)o.Activation);
                break;
            case AddOptions o:
                WriteActivationOnly(b, o.Activation);
                break;
            case SubOptions o:
                WriteActivationOnly(b, o.Activation);
                break;
            case MulOptions o:
                WriteActivationOnly(b, o.Activation);
                break;
            case DivOptions o:
                WriteActivationOnly(b, o.Activation);
                break;
            case ReshapeOptions or SqueezeOptions:
                b.StartTable(1);
                b.AddOffset(0, vector);
                break;
            case ReducerOptions o:
                b.StartTable(1);
                b.AddBool(0, o.KeepDims);
                break;
            case BatchMatMulOptions o:
                b.StartTable(3);
                b.AddBool(0, o.AdjX);
                b.AddBool(1, o.AdjY);
                if (o.AsymmetricQuantizeInputs)
                {
                    b.AddBool(2, true);
                }

                break;
            case ResizeBilinearOptions o:
                b.StartTable(4);
                b.AddBool(2, o.AlignCorners);
                if (o.HalfPixelCenters)
                {
                    b.AddBool(3, true);
                }

                break;
            case ResizeNearestNeighborOptions o:
                b.StartTable(2);
                b.AddBool(0, o.AlignCorners);
                if (o.HalfPixelCenters)
                {
                    b.AddBool(1, true);
                }

                break;
            case GatherOptions o:
                b.StartTable(2);
                b.AddInt32(0, o.Axis);
                if (o.BatchDims != 0)
                {
                    b.AddInt32(1, o.BatchDims);
                }

                break;
            case StridedSliceOptions o:
                b.StartTable(5);
                b.AddInt32(0, o.BeginMask);
                b.AddInt32(1, o.EndMask);
                b.AddInt32(2, o.EllipsisMask);
                b.AddInt32(3, o.NewAxisMask);
                b.AddInt32(4, o.ShrinkAxisMask);
                break;
            case SplitOptions o:
                b.StartTable(1);
                b.AddInt32(0, o.NumSplits);
                break;
            case PackOptions o:
                b.StartTable(2);
                b.AddInt32(0, o.ValuesCount);
                b.AddInt32(1, o.Axis);
                break;
            case ArgMaxOptions o:
                b.StartTable(1);
                b.AddByte(0, (byte)o.OutputType);
                break;
            case LeakyReluOptions o:
                b.StartTable(1);
                b.AddSingle(0, o.Alpha);
                break;
            case PadOptions or PadV2Options or TransposeOptions or ExpandDimsOptions or QuantizeOptions or DequantizeOptions or HardSwishOptions:
                b.StartTable(0);
                break;
            default:
                throw new ModelFormatException($"Cannot write builtin options {options.GetType().Name} (union type {(int)options.OptionsType}): this writer does not know their fields.");
        }

        return b.EndTable();
    }

    private static void WriteActivationOnly(FlatBufferBuilder b, ActivationFunction activation)
    {
        b.StartTable(1);
        b.AddByte(0, (byte)activation);
    }
}
