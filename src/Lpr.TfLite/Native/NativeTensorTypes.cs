using Lpr.TfLite.Model;

namespace Lpr.TfLite.Native;

/// <summary>Maps the C API's TfLiteType (its own numbering, not the schema's) to <see cref="TensorType"/>.</summary>
internal static class NativeTensorTypes
{
    public static TensorType ToTensorType(int nativeType) => nativeType switch
    {
        1 => TensorType.Float32,
        2 => TensorType.Int32,
        3 => TensorType.UInt8,
        4 => TensorType.Int64,
        5 => TensorType.String,
        6 => TensorType.Bool,
        7 => TensorType.Int16,
        8 => TensorType.Complex64,
        9 => TensorType.Int8,
        10 => TensorType.Float16,
        11 => TensorType.Float64,
        12 => TensorType.Complex128,
        13 => TensorType.UInt64,
        14 => TensorType.Resource,
        15 => TensorType.Variant,
        16 => TensorType.UInt32,
        17 => TensorType.UInt16,
        18 => TensorType.Int4,
        19 => TensorType.BFloat16,
        _ => throw new NotSupportedException($"The TFLite C library reports tensor type {nativeType}, which this binding does not know."),
    };
}
