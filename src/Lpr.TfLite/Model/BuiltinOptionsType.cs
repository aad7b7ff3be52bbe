namespace Lpr.TfLite.Model;

/// <summary>
/// Discriminator of the schema's <c>BuiltinOptions</c> union (1-based position in the union; 0 = none).
/// Only the members this runtime reads and writes are named; others are carried as numbers.
/// </summary>
#pragma warning disable CA1028 // Stored as one byte (union type field) in the schema.
public enum BuiltinOptionsType : byte
#pragma warning restore CA1028
{
    None = 0,
    Conv2DOptions = 1,
    DepthwiseConv2DOptions = 2,
    Pool2DOptions = 5,
    FullyConnectedOptions = 8,
    SoftmaxOptions = 9,
    ConcatenationOptions = 10,
    AddOptions = 11,
    ResizeBilinearOptions = 15,
    ReshapeOptions = 17,
    MulOptions = 21,
    PadOptions = 22,
    GatherOptions = 23,
    TransposeOptions = 26,
    ReducerOptions = 27,
    SubOptions = 28,
    DivOptions = 29,
    SqueezeOptions = 30,
    StridedSliceOptions = 32,
    SplitOptions = 35,
    DequantizeOptions = 38,
    ArgMaxOptions = 40,
    PadV2Options = 43,
    ExpandDimsOptions = 52,
    PackOptions = 59,
    ResizeNearestNeighborOptions = 74,
    LeakyReluOptions = 75,
    QuantizeOptions = 89,
    HardSwishOptions = 91,
    BatchMatMulOptions = 101,
}
