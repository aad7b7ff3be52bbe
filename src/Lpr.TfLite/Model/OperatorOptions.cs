using System.Collections.Immutable;

namespace Lpr.TfLite.Model;

// Typed builtin options of operators (the schema's BuiltinOptions union). Field meanings and defaults
// follow the schema; an operator without options (LOGISTIC, TANH, RELU, ...) has null options.

/// <summary>Base of every typed builtin-options record.</summary>
public abstract record OperatorOptions
{
    /// <summary>The union discriminator this record is stored under.</summary>
    public abstract BuiltinOptionsType OptionsType { get; }
}

/// <summary>Options of a union member this runtime does not decode; kept so the operator can still be named.</summary>
public sealed record UnparsedOptions(int UnionType) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => (BuiltinOptionsType)UnionType;
}

/// <summary>CONV_2D.</summary>
public sealed record Conv2DOptions(
    Padding Padding,
    int StrideWidth,
    int StrideHeight,
    ActivationFunction Activation = ActivationFunction.None,
    int DilationWidth = 1,
    int DilationHeight = 1) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.Conv2DOptions;
}

/// <summary>DEPTHWISE_CONV_2D (depth_multiplier = output channels / input channels).</summary>
public sealed record DepthwiseConv2DOptions(
    Padding Padding,
    int StrideWidth,
    int StrideHeight,
    int DepthMultiplier = 1,
    ActivationFunction Activation = ActivationFunction.None,
    int DilationWidth = 1,
    int DilationHeight = 1) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.DepthwiseConv2DOptions;
}

/// <summary>AVERAGE_POOL_2D, MAX_POOL_2D, L2_POOL_2D.</summary>
public sealed record Pool2DOptions(
    Padding Padding,
    int StrideWidth,
    int StrideHeight,
    int FilterWidth,
    int FilterHeight,
    ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.Pool2DOptions;
}

/// <summary>FULLY_CONNECTED.</summary>
public sealed record FullyConnectedOptions(
    ActivationFunction Activation = ActivationFunction.None,
    FullyConnectedWeightsFormat WeightsFormat = FullyConnectedWeightsFormat.Default,
    bool KeepNumDims = false,
    bool AsymmetricQuantizeInputs = false) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.FullyConnectedOptions;
}

/// <summary>SOFTMAX.</summary>
public sealed record SoftmaxOptions(float Beta = 1f) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.SoftmaxOptions;
}

/// <summary>CONCATENATION (negative axis counts from the end).</summary>
public sealed record ConcatenationOptions(int Axis, ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ConcatenationOptions;
}

/// <summary>ADD.</summary>
public sealed record AddOptions(ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.AddOptions;
}

/// <summary>SUB.</summary>
public sealed record SubOptions(ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.SubOptions;
}

/// <summary>MUL.</summary>
public sealed record MulOptions(ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.MulOptions;
}

/// <summary>DIV.</summary>
public sealed record DivOptions(ActivationFunction Activation = ActivationFunction.None) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.DivOptions;
}

/// <summary>RESHAPE. The new shape may also (or only) come from the second input tensor.</summary>
public sealed record ReshapeOptions(ImmutableArray<int> NewShape) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ReshapeOptions;

    public bool Equals(ReshapeOptions? other) => other is not null && NewShape.AsSpan().SequenceEqual(other.NewShape.AsSpan());

    public override int GetHashCode() => NewShape.Length;
}

/// <summary>MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD (axes come from the second input).</summary>
public sealed record ReducerOptions(bool KeepDims = false) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ReducerOptions;
}

/// <summary>SQUEEZE (empty = squeeze every unit dimension).</summary>
public sealed record SqueezeOptions(ImmutableArray<int> SqueezeDims) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.SqueezeOptions;

    public bool Equals(SqueezeOptions? other) => other is not null && SqueezeDims.AsSpan().SequenceEqual(other.SqueezeDims.AsSpan());

    public override int GetHashCode() => SqueezeDims.Length;
}

/// <summary>BATCH_MATMUL (adj = transpose the last two dimensions of that operand).</summary>
public sealed record BatchMatMulOptions(bool AdjX = false, bool AdjY = false, bool AsymmetricQuantizeInputs = false) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.BatchMatMulOptions;
}

/// <summary>RESIZE_BILINEAR.</summary>
public sealed record ResizeBilinearOptions(bool AlignCorners = false, bool HalfPixelCenters = false) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ResizeBilinearOptions;
}

/// <summary>RESIZE_NEAREST_NEIGHBOR.</summary>
public sealed record ResizeNearestNeighborOptions(bool AlignCorners = false, bool HalfPixelCenters = false) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ResizeNearestNeighborOptions;
}

/// <summary>GATHER.</summary>
public sealed record GatherOptions(int Axis = 0, int BatchDims = 0) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.GatherOptions;
}

/// <summary>STRIDED_SLICE (bit masks per dimension).</summary>
public sealed record StridedSliceOptions(int BeginMask = 0, int EndMask = 0, int EllipsisMask = 0, int NewAxisMask = 0, int ShrinkAxisMask = 0) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.StridedSliceOptions;
}

/// <summary>SPLIT.</summary>
public sealed record SplitOptions(int NumSplits) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.SplitOptions;
}

/// <summary>PACK.</summary>
public sealed record PackOptions(int ValuesCount, int Axis = 0) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.PackOptions;
}

/// <summary>ARG_MAX.</summary>
public sealed record ArgMaxOptions(TensorType OutputType = TensorType.Int64) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ArgMaxOptions;
}

/// <summary>LEAKY_RELU.</summary>
public sealed record LeakyReluOptions(float Alpha) : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.LeakyReluOptions;
}

/// <summary>PAD (paddings come from the second input).</summary>
public sealed record PadOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.PadOptions;
}

/// <summary>PADV2 (paddings and constant value come from inputs).</summary>
public sealed record PadV2Options : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.PadV2Options;
}

/// <summary>TRANSPOSE (permutation comes from the second input).</summary>
public sealed record TransposeOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.TransposeOptions;
}

/// <summary>EXPAND_DIMS (axis comes from the second input).</summary>
public sealed record ExpandDimsOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.ExpandDimsOptions;
}

/// <summary>QUANTIZE.</summary>
public sealed record QuantizeOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.QuantizeOptions;
}

/// <summary>DEQUANTIZE.</summary>
public sealed record DequantizeOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.DequantizeOptions;
}

/// <summary>HARD_SWISH.</summary>
public sealed record HardSwishOptions : OperatorOptions
{
    public override BuiltinOptionsType OptionsType => BuiltinOptionsType.HardSwishOptions;
}
