namespace Lpr.Training.Export;

/// <summary>The int8 arithmetic of TFLite's quantization spec: real = scale · (q − zero_point).</summary>
public static class Int8Quantization
{
    /// <summary>Asymmetric per-tensor parameters covering [min, max] (widened to include 0, as the spec requires).</summary>
    public static (float Scale, int ZeroPoint) ForActivation(float min, float max)
    {
        min = Math.Min(min, 0f);
        max = Math.Max(max, 0f);
        var scale = (max - min) / 255f;
        if (!(scale > 1e-9f))
        {
            scale = 1e-9f;
        }

        var zeroPoint = (int)Math.Clamp(MathF.Round(-128f - (min / scale)), -128f, 127f);
        return (scale, zeroPoint);
    }

    /// <summary>
    /// A constant operand of an int8 elementwise op (an ADD's learned bias), quantized per tensor over its own
    /// [min, max] as <see cref="ForActivation"/> would an activation of that range.
    /// </summary>
    public static (sbyte[] Values, float Scale, int ZeroPoint) PerTensorConstant(ReadOnlySpan<float> values)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in values)
        {
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }

        var (scale, zeroPoint) = values.IsEmpty ? ForActivation(0, 0) : ForActivation(min, max);
        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scale) + zeroPoint, -128f, 127f);
        }

        return (quantized, scale, zeroPoint);
    }

    /// <summary>
    /// Symmetric per-channel weights (zero point 0, range ±127) along the first dimension of
    /// <paramref name="weights"/> laid out as [channels, perChannel] (PyTorch's output-channel-major layout).
    /// </summary>
    public static (sbyte[] Values, float[] Scales) PerChannelWeights(ReadOnlySpan<float> weights, int channels)
    {
        if (channels <= 0 || weights.Length % channels != 0)
        {
            throw new ArgumentException($"{weights.Length} weights do not split into {channels} channels.", nameof(channels));
        }

        var perChannel = weights.Length / channels;
        var values = new sbyte[weights.Length];
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var slice = weights.Slice(c * perChannel, perChannel);
            var maxAbs = 0f;
            foreach (var w in slice)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(w));
            }

            // An all-zero channel still needs a positive scale; any value gives q = 0.
            scales[c] = maxAbs > 0 ? maxAbs / 127f : 1e-8f;
            for (var k = 0; k < perChannel; k++)
            {
                values[(c * perChannel) + k] = (sbyte)Math.Clamp(MathF.Round(slice[k] / scales[c]), -127f, 127f);
            }
        }

        return (values, scales);
    }

    /// <summary>int32 bias with scale input_scale · weight_scale[c], as TFLite's int8 kernels expect.</summary>
    public static int[] Bias(ReadOnlySpan<float> bias, float inputScale, ReadOnlySpan<float> weightScales)
    {
        var values = new int[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            var scale = (double)inputScale * weightScales[c];
            values[c] = (int)Math.Clamp(Math.Round(bias[c] / scale), int.MinValue, int.MaxValue);
        }

        return values;
    }
}
