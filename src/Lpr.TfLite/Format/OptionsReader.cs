using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>Decodes the builtin-options tables this runtime understands into typed records.</summary>
internal static class OptionsReader
{
    public static OperatorOptions Read(BuiltinOptionsType type, FlatTable t) => type switch
    {
        BuiltinOptionsType.Conv2DOptions => new Conv2DOptions(
            Padding(t, 0), t.GetInt32(1), t.GetInt32(2), Activation(t, 3), t.GetInt32(4, 1), t.GetInt32(5, 1)),
        BuiltinOptionsType.DepthwiseConv2DOptions => new DepthwiseConv2DOptions(
            Padding(t, 0), t.GetInt32(1), t.GetInt32(2), t.GetInt32(3), Activation(t, 4), t.GetInt32(5, 1), t.GetInt32(6, 1)),
        BuiltinOptionsType.Pool2DOptions => new Pool2DOptions(
            Padding(t, 0), t.GetInt32(1), t.GetInt32(2), t.GetInt32(3), t.GetInt32(4), Activation(t, 5)),
        BuiltinOptionsType.FullyConnectedOptions => new FullyConnectedOptions(
            Activation(t, 0), WeightsFormat(t, 1), t.GetBool(2), t.GetBool(3)),
        BuiltinOptionsType.SoftmaxOptions => new SoftmaxOptions(t.GetSingle(0)),
        BuiltinOptionsType.ConcatenationOptions => new ConcatenationOptions(t.GetInt32(0), Activation(t, 1)),
        BuiltinOptionsType.AddOptions => new AddOptions(Activation(t, 0)),
        BuiltinOptionsType.SubOptions => new SubOptions(Activation(t, 0)),
        BuiltinOptionsType.MulOptions => new MulOptions(Activation(t, 0)),
        BuiltinOptionsType.DivOptions => new DivOptions(Activation(t, 0)),
        BuiltinOptionsType.ReshapeOptions => new ReshapeOptions([.. t.GetInt32Vector(0, "new_shape")]),
        BuiltinOptionsType.ReducerOptions => new ReducerOptions(t.GetBool(0)),
        BuiltinOptionsType.SqueezeOptions => new SqueezeOptions([.. t.GetInt32Vector(0, "squeeze_dims")]),
        BuiltinOptionsType.BatchMatMulOptions => new BatchMatMulOptions(t.GetBool(0), t.GetBool(1), t.GetBool(2)),
        BuiltinOptionsType.ResizeBilinearOptions => new ResizeBilinearOptions(t.GetBool(2), t.GetBool(3)),
        BuiltinOptionsType.ResizeNearestNeighborOptions => new ResizeNearestNeighborOptions(t.GetBool(0), t.GetBool(1)),
        BuiltinOptionsType.GatherOptions => new GatherOptions(t.GetInt32(0), t.GetInt32(1)),
        BuiltinOptionsType.StridedSliceOptions => new StridedSliceOptions(t.GetInt32(0), t.GetInt32(1), t.GetInt32(2), t.GetInt32(3), t.GetInt32(4)),
        BuiltinOptionsType.SplitOptions => new SplitOptions(t.GetInt32(0)),
        BuiltinOptionsType.PackOptions => new PackOptions(t.GetInt32(0), t.GetInt32(1)),
        BuiltinOptionsType.ArgMaxOptions => new ArgMaxOptions(Type(t, 0)),
        BuiltinOptionsType.LeakyReluOptions => new LeakyReluOptions(t.GetSingle(0)),
        BuiltinOptionsType.PadOptions => new PadOptions(),
        BuiltinOptionsType.PadV2Options => new PadV2Options(),
        BuiltinOptionsType.TransposeOptions => new TransposeOptions(),
        BuiltinOptionsType.ExpandDimsOptions => new ExpandDimsOptions(),
        BuiltinOptionsType.QuantizeOptions => new QuantizeOptions(),
        BuiltinOptionsType.DequantizeOptions => new DequantizeOptions(),
        BuiltinOptionsType.HardSwishOptions => new HardSwishOptions(),
        _ => new UnparsedOptions((int)type),
    };

    private static Padding Padding(FlatTable t, int slot)
    {
        var value = t.GetByte(slot);
        return value <= (byte)Model.Padding.Valid
            ? (Padding)value
            : throw new ModelFormatException($"Invalid padding value {value} in {t.What}.");
    }

    private static ActivationFunction Activation(FlatTable t, int slot)
    {
        var value = t.GetByte(slot);
        return value <= (byte)ActivationFunction.SignBit
            ? (ActivationFunction)value
            : throw new ModelFormatException($"Invalid fused activation value {value} in {t.What}.");
    }

    private static FullyConnectedWeightsFormat WeightsFormat(FlatTable t, int slot)
    {
        var value = t.GetByte(slot);
        return value <= (byte)FullyConnectedWeightsFormat.Shuffled4x16Int8
            ? (FullyConnectedWeightsFormat)value
            : throw new ModelFormatException($"Invalid weights format value {value} in {t.What}.");
    }

    private static TensorType Type(FlatTable t, int slot)
    {
        var value = (TensorType)t.GetByte(slot);
        return value.IsDefined() ? value : throw new ModelFormatException($"Invalid tensor type {(int)value} in {t.What}.");
    }
}
