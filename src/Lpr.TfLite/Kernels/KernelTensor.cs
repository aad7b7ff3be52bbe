using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// A tensor as kernels see it at run time: shape, type, per-tensor quantization and a window into the
/// byte array that holds its elements (the interpreter's arena for activations, the constants block for
/// weights). Kernels keep references to these from Prepare and read the window at Eval, so the arena
/// can be assigned after all kernels are prepared. Construction never overflows: sizes and zero points
/// that do not fit the int32 arithmetic of the kernels are refused as model errors naming the tensor.
/// </summary>
internal sealed class KernelTensor
{
    public KernelTensor(TensorInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        Type = info.Type;
        Shape = [.. info.Shape];
        var quantization = info.Quantization;
        Scale = quantization is { Scale.Length: > 0 } ? quantization.Scale[0] : 0f;
        var zeroPoint = quantization is { ZeroPoint.Length: > 0 } ? quantization.ZeroPoint[0] : 0;
        if (zeroPoint is < int.MinValue or > int.MaxValue)
        {
            throw new ModelFormatException($"Tensor #{info.Index} '{info.Name}' has zero point {zeroPoint}, outside the int32 range.");
        }

        ZeroPoint = (int)zeroPoint;
        var byteSize = ByteSizeOf(info);
        if (byteSize > Array.MaxLength)
        {
            throw new ModelFormatException(
                $"Tensor #{info.Index} '{info.Name}' {info.Type.ToSchemaName()}[{info.ShapeText}] needs {(byteSize == long.MaxValue ? "more than 2^63" : byteSize)} bytes, " +
                $"more than one array can hold ({Array.MaxLength} bytes).");
        }

        ByteLength = (int)byteSize;
    }

    /// <summary>
    /// Bytes of the tensor's elements, saturating at <see cref="long.MaxValue"/> instead of overflowing
    /// (a validated model has at most 2^31 - 1 elements per tensor, but a model built in code need not).
    /// </summary>
    public static long ByteSizeOf(TensorInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        long bytes = info.Type.ElementSize();
        foreach (var d in info.Shape)
        {
            if (d < 0)
            {
                throw new ModelFormatException($"Tensor #{info.Index} '{info.Name}' has a negative dimension in shape [{string.Join(',', info.Shape)}].");
            }

            bytes = d == 0 ? 0 : bytes > long.MaxValue / d ? long.MaxValue : bytes * d;
        }

        return bytes;
    }

    public TensorInfo Info { get; }

    public TensorType Type { get; }

    public int[] Shape { get; }

    /// <summary>Per-tensor scale (the first scale of a per-channel tensor), 0 when not quantized.</summary>
    public float Scale { get; }

    /// <summary>Per-tensor zero point (the first of a per-channel tensor), 0 when not quantized.</summary>
    public int ZeroPoint { get; }

    public QuantizationParameters? Quantization => Info.Quantization;

    public bool IsConstant => Info.IsConstant;

    public string Name => Info.Name;

    public int Rank => Shape.Length;

    public int ByteLength { get; }

    public int ElementCount => Type.ElementSize() == 0 ? 0 : ByteLength / Type.ElementSize();

    /// <summary>The array holding the elements (assigned by the interpreter before the first Eval).</summary>
    public byte[] Storage { get; private set; } = [];

    /// <summary>Where the elements start in <see cref="Storage"/>.</summary>
    public int Offset { get; private set; }

    public void Bind(byte[] storage, int offset)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (offset < 0 || (long)offset + ByteLength > storage.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Tensor '{Name}' does not fit its storage.");
        }

        Storage = storage;
        Offset = offset;
    }

    public Span<byte> Bytes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Storage.AsSpan(Offset, ByteLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> As<T>()
        where T : struct => MemoryMarshal.Cast<byte, T>(Bytes);

    /// <summary>Dimension <paramref name="index"/>, negative indices counting from the end.</summary>
    public int Dim(int index) => Shape[index < 0 ? Shape.Length + index : index];

    public override string ToString() => Info.ToString();
}
