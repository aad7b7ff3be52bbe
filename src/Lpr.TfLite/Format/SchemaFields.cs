namespace Lpr.TfLite.Format;

// Field slots (vtable indices) of the TFLite schema v3 tables this runtime reads and writes. A union
// occupies two slots: its type byte, then its value. Shared by ModelReader and ModelWriter.
#pragma warning disable SA1649, CA1812 // Constant holders grouped in one file by design.

internal static class ModelFields
{
    public const int Version = 0, OperatorCodes = 1, SubGraphs = 2, Description = 3, Buffers = 4, MetadataBuffer = 5, Metadata = 6, SignatureDefs = 7;
    public const int Count = 8;
}

internal static class OperatorCodeFields
{
    public const int DeprecatedBuiltinCode = 0, CustomCode = 1, Version = 2, BuiltinCode = 3;
    public const int Count = 4;

    /// <summary>Codes at or above this value only fit the newer int32 field; the byte field holds this placeholder.</summary>
    public const int PlaceholderForGreaterOpCodes = 127;
}

internal static class SubGraphFields
{
    public const int Tensors = 0, Inputs = 1, Outputs = 2, Operators = 3, Name = 4;
    public const int Count = 5;
}

internal static class TensorFields
{
    public const int Shape = 0, Type = 1, Buffer = 2, Name = 3, Quantization = 4, IsVariable = 5, Sparsity = 6, ShapeSignature = 7, HasRank = 8, VariantTensors = 9;
    public const int Count = 8;
}

internal static class QuantizationFields
{
    public const int Min = 0, Max = 1, Scale = 2, ZeroPoint = 3, DetailsType = 4, Details = 5, QuantizedDimension = 6;
    public const int Count = 7;
}

internal static class OperatorFields
{
    public const int OpcodeIndex = 0, Inputs = 1, Outputs = 2, BuiltinOptionsType = 3, BuiltinOptions = 4, CustomOptions = 5,
        CustomOptionsFormat = 6, MutatingVariableInputs = 7, Intermediates = 8, LargeCustomOptionsOffset = 9,
        LargeCustomOptionsSize = 10, BuiltinOptions2Type = 11, BuiltinOptions2 = 12;

    public const int Count = 9;
}

internal static class BufferFields
{
    public const int Data = 0, Offset = 1, Size = 2;
    public const int Count = 1;
}

internal static class MetadataFields
{
    public const int Name = 0, Buffer = 1;
    public const int Count = 2;
}
#pragma warning restore SA1649, CA1812
