using System.Buffers.Binary;
using Lpr.TfLite.Model;

namespace Lpr.Core.Inference;

/// <summary>Real values of an output tensor's bytes: float32 as is, uint8/int8 as scale · (q − zero point).</summary>
public static class QuantizedOutput
{
    /// <summary>
    /// Dequantizes the first <c>destination.Length</c> elements of <paramref name="bytes"/> (per-tensor
    /// parameters; a tensor without quantization reads as scale 1, zero point 0). Allocates nothing.
    /// </summary>
    public static void Dequantize(TensorInfo tensor, ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var q = tensor.Quantization;
        var scale = q is { IsQuantized: true } ? q.Scale[0] : 1f;
        var zeroPoint = q is { IsQuantized: true } ? (int)q.ZeroPoint.FirstOrDefault() : 0;
        switch (tensor.Type)
        {
            case TensorType.Float32:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                }

                break;
            case TensorType.UInt8:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = scale * (bytes[i] - zeroPoint);
                }

                break;
            default:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = scale * ((sbyte)bytes[i] - zeroPoint);
                }

                break;
        }
    }
}
