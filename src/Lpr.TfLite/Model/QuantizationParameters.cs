using System.Collections.Immutable;

namespace Lpr.TfLite.Model;

/// <summary>
/// Affine quantization of a tensor: real = scale * (q - zero_point). Per-tensor when there is one
/// scale, per-channel along <see cref="QuantizedDimension"/> when there are several (then scales and
/// zero points have one entry per channel of that dimension).
/// </summary>
public sealed record QuantizationParameters
{
    public QuantizationParameters(ImmutableArray<float> scale, ImmutableArray<long> zeroPoint, int quantizedDimension = 0)
    {
        Scale = scale.IsDefault ? [] : scale;
        ZeroPoint = zeroPoint.IsDefault ? [] : zeroPoint;
        QuantizedDimension = quantizedDimension;
    }

    /// <summary>Per-tensor quantization with one scale and zero point.</summary>
    public static QuantizationParameters PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint]);

    /// <summary>Per-channel quantization along <paramref name="quantizedDimension"/> (zero points default to 0).</summary>
    public static QuantizationParameters PerChannel(IEnumerable<float> scales, int quantizedDimension, IEnumerable<long>? zeroPoints = null)
    {
        ArgumentNullException.ThrowIfNull(scales);
        var s = scales.ToImmutableArray();
        var z = zeroPoints?.ToImmutableArray() ?? ImmutableArray.CreateRange(Enumerable.Repeat(0L, s.Length));
        return new QuantizationParameters(s, z, quantizedDimension);
    }

    public ImmutableArray<float> Scale { get; }

    public ImmutableArray<long> ZeroPoint { get; }

    public int QuantizedDimension { get; }

    /// <summary>Calibration range kept for importing back into TensorFlow; usually empty.</summary>
    public ImmutableArray<float> Min { get; init; } = [];

    /// <inheritdoc cref="Min"/>
    public ImmutableArray<float> Max { get; init; } = [];

    /// <summary>True when there is at least one scale (the tensor is affine-quantized).</summary>
    public bool IsQuantized => Scale.Length > 0;

    /// <summary>True when there is more than one scale (one per channel of <see cref="QuantizedDimension"/>).</summary>
    public bool IsPerChannel => Scale.Length > 1;

    public bool Equals(QuantizationParameters? other) =>
        other is not null
        && QuantizedDimension == other.QuantizedDimension
        && Scale.AsSpan().SequenceEqual(other.Scale.AsSpan())
        && ZeroPoint.AsSpan().SequenceEqual(other.ZeroPoint.AsSpan())
        && Min.AsSpan().SequenceEqual(other.Min.AsSpan())
        && Max.AsSpan().SequenceEqual(other.Max.AsSpan());

    public override int GetHashCode() =>
        HashCode.Combine(QuantizedDimension, Scale.Length, Scale.Length > 0 ? Scale[0] : 0f, ZeroPoint.Length > 0 ? ZeroPoint[0] : 0L);

    public override string ToString() => IsPerChannel
        ? $"per-channel(dim {QuantizedDimension}, {Scale.Length} scales)"
        : IsQuantized ? $"scale {Scale[0]:R}, zero point {ZeroPoint.FirstOrDefault()}" : "none";
}
