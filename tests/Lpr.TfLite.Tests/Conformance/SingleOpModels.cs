using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>Random quantization parameters and weights for single-op conformance models.</summary>
internal static class SingleOpModels
{
    public static QuantizationParameters Activation(Random random, TensorType type)
    {
        var scale = (float)(0.01 + (random.NextDouble() * 0.2));
        var zeroPoint = type == TensorType.Int8 ? random.Next(-40, 41) : random.Next(90, 170);
        return QuantizationParameters.PerTensor(scale, zeroPoint);
    }

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Int8 weights in [-127, 127] (TFLite's symmetric weights never use -128).</summary>
    public static byte[] SymmetricInt8(Random random, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = unchecked((byte)(sbyte)random.Next(-127, 128));
        }

        return bytes;
    }

    public static float[] ChannelScales(Random random, int channels, bool perChannel)
    {
        var first = (float)(0.002 + (random.NextDouble() * 0.02));
        return [.. Enumerable.Range(0, channels).Select(_ => perChannel ? (float)(0.002 + (random.NextDouble() * 0.02)) : first)];
    }

    public static int[] Bias(Random random, int channels) =>
        [.. Enumerable.Range(0, channels).Select(_ => random.Next(-3000, 3001))];

    /// <summary>Adds an int32 bias tensor with scale input*filter per channel, as TFLite requires.</summary>
    public static int AddBias(ModelBuilder b, Random random, int channels, float inputScale, float[] filterScales)
    {
        var scales = filterScales.Select(s => inputScale * s).ToArray();
        var q = scales.Length == 1 || scales.Distinct().Count() == 1
            ? QuantizationParameters.PerTensor(scales[0], 0)
            : QuantizationParameters.PerChannel(scales, 0);
        return b.AddConstant<int>("bias", TensorType.Int32, [channels], Bias(random, channels), q);
    }
}
