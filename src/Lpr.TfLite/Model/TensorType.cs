namespace Lpr.TfLite.Model;

/// <summary>Element types of tensors, numbered as the TFLite schema (v3) numbers them.</summary>
// CA1028: the schema stores this enum as one byte. CA1720: the members are the schema's type names.
#pragma warning disable CA1028, CA1720
public enum TensorType : byte
{
    Float32 = 0,
    Float16 = 1,
    Int32 = 2,
    UInt8 = 3,
    Int64 = 4,
    String = 5,
    Bool = 6,
    Int16 = 7,
    Complex64 = 8,
    Int8 = 9,
    Float64 = 10,
    Complex128 = 11,
    UInt64 = 12,
    Resource = 13,
    Variant = 14,
    UInt32 = 15,
    UInt16 = 16,
    Int4 = 17,
    BFloat16 = 18,
}
#pragma warning restore CA1028, CA1720

/// <summary>Sizes and names of <see cref="TensorType"/> values.</summary>
public static class TensorTypeExtensions
{
    /// <summary>
    /// Bytes per element, or 0 when elements have no fixed size (STRING, RESOURCE, VARIANT, and INT4,
    /// which packs two elements per byte).
    /// </summary>
    public static int ElementSize(this TensorType type) => type switch
    {
        TensorType.Bool or TensorType.UInt8 or TensorType.Int8 => 1,
        TensorType.Int16 or TensorType.UInt16 or TensorType.Float16 or TensorType.BFloat16 => 2,
        TensorType.Float32 or TensorType.Int32 or TensorType.UInt32 => 4,
        TensorType.Int64 or TensorType.UInt64 or TensorType.Float64 or TensorType.Complex64 => 8,
        TensorType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>The schema spelling ("INT8", "FLOAT32"), as TFLite tools print it.</summary>
    public static string ToSchemaName(this TensorType type) => type switch
    {
        TensorType.Float32 => "FLOAT32",
        TensorType.Float16 => "FLOAT16",
        TensorType.Int32 => "INT32",
        TensorType.UInt8 => "UINT8",
        TensorType.Int64 => "INT64",
        TensorType.String => "STRING",
        TensorType.Bool => "BOOL",
        TensorType.Int16 => "INT16",
        TensorType.Complex64 => "COMPLEX64",
        TensorType.Int8 => "INT8",
        TensorType.Float64 => "FLOAT64",
        TensorType.Complex128 => "COMPLEX128",
        TensorType.UInt64 => "UINT64",
        TensorType.Resource => "RESOURCE",
        TensorType.Variant => "VARIANT",
        TensorType.UInt32 => "UINT32",
        TensorType.UInt16 => "UINT16",
        TensorType.Int4 => "INT4",
        TensorType.BFloat16 => "BFLOAT16",
        _ => $"TYPE_{(int)type}",
    };

    /// <summary>True for the types this reader knows (the schema may grow).</summary>
    public static bool IsDefined(this TensorType type) => (byte)type <= (byte)TensorType.BFloat16;
}
