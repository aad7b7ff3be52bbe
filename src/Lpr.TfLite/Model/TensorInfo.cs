using System.Collections.Immutable;

namespace Lpr.TfLite.Model;

/// <summary>
/// One tensor of a subgraph: its shape, element type, quantization and (for constants) its data.
/// Immutable; the data is a slice of the model's buffer.
/// </summary>
public sealed class TensorInfo
{
    public TensorInfo(
        int index,
        string name,
        TensorType type,
        ImmutableArray<int> shape,
        int bufferIndex = 0,
        ReadOnlyMemory<byte> data = default,
        QuantizationParameters? quantization = null,
        bool isVariable = false,
        ImmutableArray<int> shapeSignature = default)
    {
        Index = index;
        Name = name ?? string.Empty;
        Type = type;
        Shape = shape.IsDefault ? [] : shape;
        ShapeSignature = shapeSignature.IsDefault ? [] : shapeSignature;
        BufferIndex = bufferIndex;
        Data = data;
        Quantization = quantization is { IsQuantized: true } ? quantization : null;
        IsVariable = isVariable;
    }

    /// <summary>Index of this tensor in its subgraph's tensor list.</summary>
    public int Index { get; }

    public string Name { get; }

    public TensorType Type { get; }

    /// <summary>Dimensions, outermost first (NHWC for images). Empty for scalars.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The shape with -1 for dimensions unknown at conversion time; empty when the model has none.</summary>
    public ImmutableArray<int> ShapeSignature { get; }

    /// <summary>Index into <see cref="TfLiteModel.Buffers"/>; 0 is the always-empty sentinel buffer.</summary>
    public int BufferIndex { get; }

    /// <summary>Constant contents (little-endian, row-major), empty for activations and inputs.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Affine quantization, or null for float/unquantized tensors.</summary>
    public QuantizationParameters? Quantization { get; }

    public bool IsVariable { get; }

    /// <summary>True when the tensor has constant data (weights, biases, shape operands).</summary>
    public bool IsConstant => !Data.IsEmpty;

    /// <summary>Number of elements (product of the shape; 1 for scalars).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in Shape)
            {
                count *= d;
            }

            return count;
        }
    }

    /// <summary>Bytes the tensor's elements occupy (0 when the element type has no fixed size).</summary>
    public long ByteSize => ElementCount * Type.ElementSize();

    /// <summary>The shape as "1x64x128x1".</summary>
    public string ShapeText => Shape.Length == 0 ? "scalar" : string.Join('x', Shape);

    public override string ToString() => $"#{Index} '{Name}' {Type.ToSchemaName()}[{ShapeText}]";
}
