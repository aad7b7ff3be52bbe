using System.Buffers.Binary;
using Lpr.Core.Imaging;
using Lpr.TfLite.Model;

namespace Lpr.Core.Recognition;

/// <summary>
/// Turns a plate crop (<see cref="PixelImage"/>, gray or BGR, any size) into a model input tensor:
/// channel conversion (BGR → gray with the ITU-R BT.601 weights 0.299 R + 0.587 G + 0.114 B that
/// OpenCV uses, BGR → RGB, gray → RGB by copying), resize per <see cref="ResizeMode"/> and
/// <see cref="InterpolationMode"/> (pixel centres at +0.5, edges clamped), mapping of pixel values
/// 0…255 to the descriptor's real range, and quantization with the input tensor's own scale and zero
/// point (round half away from zero, saturating) for uint8/int8, or float32 as is. Areas left by a
/// keep-aspect resize are pixel value 0.
/// <para>Managed code only. Buffers are allocated once and grown only when a larger crop arrives, so
/// steady-state calls allocate nothing. Not thread-safe: one instance per recognizer.</para>
/// </summary>
public sealed class PlateImagePreprocessor
{
    private readonly ModelInputDescriptor input;
    private readonly TensorType type;
    private readonly float scale;
    private readonly int zeroPoint;
    private readonly float[] resized;
    private readonly int[] x0;
    private readonly int[] x1;
    private readonly float[] xWeight;
    private float[] source = [];

    /// <param name="input">Size, channels, resize and interpolation from the model descriptor.</param>
    /// <param name="type">The input tensor's element type: UInt8, Int8 or Float32.</param>
    /// <param name="quantization">The input tensor's quantization (per-tensor), or null.</param>
    public PlateImagePreprocessor(ModelInputDescriptor input, TensorType type, QuantizationParameters? quantization)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate("descriptor");
        if (type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ArgumentException($"The recognizer feeds uint8, int8 or float32 inputs, not {type.ToSchemaName()}.", nameof(type));
        }

        if (quantization is { IsPerChannel: true })
        {
            throw new ArgumentException("An image input cannot be quantized per channel.", nameof(quantization));
        }

        if (quantization is { IsQuantized: true } && !(quantization.Scale[0] > 0f && float.IsFinite(quantization.Scale[0])))
        {
            throw new ArgumentException($"The input scale must be positive, got {quantization.Scale[0]}.", nameof(quantization));
        }

        this.input = input;
        this.type = type;
        scale = quantization is { IsQuantized: true } ? quantization.Scale[0] : 0f;
        zeroPoint = quantization is { IsQuantized: true } ? (int)quantization.ZeroPoint.FirstOrDefault() : 0;
        resized = new float[input.Width * input.Height * input.Channels];
        x0 = new int[input.Width];
        x1 = new int[input.Width];
        xWeight = new float[input.Width];
    }

    /// <summary>Bytes of the input tensor this preprocessor writes.</summary>
    public int ByteCount => resized.Length * (type == TensorType.Float32 ? 4 : 1);

    /// <summary>Preprocesses <paramref name="crop"/> into <paramref name="destination"/> (the input tensor's bytes, NHWC).</summary>
    public void Process(PixelImage crop, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(crop);
        Process(crop, new PixelRect(0, 0, crop.Width, crop.Height), destination);
    }

    /// <summary>Preprocesses the <paramref name="region"/> of <paramref name="crop"/> as if it were the whole crop (no copy).</summary>
    public void Process(PixelImage crop, PixelRect region, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (region.Width < 1 || region.Height < 1 || region.X < 0 || region.Y < 0 || region.Right > crop.Width || region.Bottom > crop.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, $"The region must be a non-empty part of the {crop.Width}x{crop.Height} crop.");
        }

        if (destination.Length != ByteCount)
        {
            throw new ArgumentException($"The input tensor has {destination.Length} bytes; {input.Width}x{input.Height}x{input.Channels} {type.ToSchemaName()} needs {ByteCount}.", nameof(destination));
        }

        ConvertChannels(crop, region);
        Resize(region.Width, region.Height);
        Write(destination);
    }

    /// <summary>The region in the model's channel order (gray, or RGB) as floats, into a reused buffer.</summary>
    private void ConvertChannels(PixelImage crop, PixelRect region)
    {
        var channels = input.Channels;
        var pixels = region.Width * region.Height;
        if (source.Length < pixels * channels)
        {
            source = new float[pixels * channels];
        }

        var data = crop.Data;
        for (var y = 0; y < region.Height; y++)
        {
            var from = ((region.Y + y) * crop.Width) + region.X;
            for (var x = 0; x < region.Width; x++)
            {
                var i = (y * region.Width) + x;
                var p = from + x;
                if (crop.Channels == 1)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        source[(i * channels) + c] = data[p];
                    }
                }
                else if (channels == 1)
                {
                    source[i] = (0.114f * data[3 * p]) + (0.587f * data[(3 * p) + 1]) + (0.299f * data[(3 * p) + 2]);
                }
                else
                {
                    source[3 * i] = data[(3 * p) + 2];
                    source[(3 * i) + 1] = data[(3 * p) + 1];
                    source[(3 * i) + 2] = data[3 * p];
                }
            }
        }
    }

    private void Resize(int width, int height)
    {
        int outWidth = input.Width, outHeight = input.Height, left = 0, top = 0;
        if (input.Resize != ResizeMode.Stretch)
        {
            var factor = Math.Min((double)input.Width / width, (double)input.Height / height);
            outWidth = Math.Clamp((int)Math.Round(width * factor, MidpointRounding.AwayFromZero), 1, input.Width);
            outHeight = Math.Clamp((int)Math.Round(height * factor, MidpointRounding.AwayFromZero), 1, input.Height);
            if (input.Resize == ResizeMode.KeepAspectCenter)
            {
                left = (input.Width - outWidth) / 2;
                top = (input.Height - outHeight) / 2;
            }
        }

        Array.Clear(resized);
        switch (input.Interpolation)
        {
            case InterpolationMode.Nearest:
                ResizeNearest(width, height, outWidth, outHeight, left, top);
                break;
            case InterpolationMode.Linear:
                ResizeLinear(width, height, outWidth, outHeight, left, top);
                break;
            default:
                ResizeArea(width, height, outWidth, outHeight, left, top);
                break;
        }
    }

    private void ResizeNearest(int width, int height, int outWidth, int outHeight, int left, int top)
    {
        var channels = input.Channels;
        for (var x = 0; x < outWidth; x++)
        {
            x0[x] = Math.Min((int)((x + 0.5) * width / outWidth), width - 1);
        }

        for (var y = 0; y < outHeight; y++)
        {
            var sy = Math.Min((int)((y + 0.5) * height / outHeight), height - 1);
            for (var x = 0; x < outWidth; x++)
            {
                var from = ((sy * width) + x0[x]) * channels;
                var to = ((((top + y) * input.Width) + left + x) * channels);
                for (var c = 0; c < channels; c++)
                {
                    resized[to + c] = source[from + c];
                }
            }
        }
    }

    private void ResizeLinear(int width, int height, int outWidth, int outHeight, int left, int top)
    {
        var channels = input.Channels;
        for (var x = 0; x < outWidth; x++)
        {
            (x0[x], x1[x], xWeight[x]) = LinearTap((x + 0.5) * width / outWidth - 0.5, width);
        }

        for (var y = 0; y < outHeight; y++)
        {
            var (y0, y1, wy) = LinearTap((y + 0.5) * height / outHeight - 0.5, height);
            for (var x = 0; x < outWidth; x++)
            {
                var wx = xWeight[x];
                var to = (((top + y) * input.Width) + left + x) * channels;
                for (var c = 0; c < channels; c++)
                {
                    var a = source[(((y0 * width) + x0[x]) * channels) + c];
                    var b = source[(((y0 * width) + x1[x]) * channels) + c];
                    var d = source[(((y1 * width) + x0[x]) * channels) + c];
                    var e = source[(((y1 * width) + x1[x]) * channels) + c];
                    var upper = a + ((b - a) * wx);
                    var lower = d + ((e - d) * wx);
                    resized[to + c] = upper + ((lower - upper) * wy);
                }
            }
        }
    }

    private static (int Low, int High, float Weight) LinearTap(double position, int size)
    {
        if (position <= 0)
        {
            return (0, 0, 0f);
        }

        var low = (int)position;
        if (low >= size - 1)
        {
            return (size - 1, size - 1, 0f);
        }

        return (low, low + 1, (float)(position - low));
    }

    private void ResizeArea(int width, int height, int outWidth, int outHeight, int left, int top)
    {
        var channels = input.Channels;
        var stepX = (double)width / outWidth;
        var stepY = (double)height / outHeight;
        for (var y = 0; y < outHeight; y++)
        {
            double fromY = y * stepY, toY = (y + 1) * stepY;
            for (var x = 0; x < outWidth; x++)
            {
                double fromX = x * stepX, toX = (x + 1) * stepX;
                var to = (((top + y) * input.Width) + left + x) * channels;
                for (var c = 0; c < channels; c++)
                {
                    var sum = 0.0;
                    for (var sy = (int)fromY; sy < height && sy < toY; sy++)
                    {
                        var wy = Math.Min(sy + 1, toY) - Math.Max(sy, fromY);
                        for (var sx = (int)fromX; sx < width && sx < toX; sx++)
                        {
                            var wx = Math.Min(sx + 1, toX) - Math.Max(sx, fromX);
                            sum += wx * wy * source[(((sy * width) + sx) * channels) + c];
                        }
                    }

                    resized[to + c] = (float)(sum / (stepX * stepY));
                }
            }
        }
    }

    private void Write(Span<byte> destination)
    {
        var low = input.RangeMin;
        var perLevel = (input.RangeMax - input.RangeMin) / 255f;
        for (var i = 0; i < resized.Length; i++)
        {
            var real = low + (resized[i] * perLevel);
            switch (type)
            {
                case TensorType.Float32:
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], real);
                    break;
                case TensorType.UInt8:
                    destination[i] = (byte)Math.Clamp(Quantize(real, resized[i]), 0, 255);
                    break;
                default:
                    destination[i] = (byte)(sbyte)Math.Clamp(Quantize(real, resized[i] - 128f), -128, 127);
                    break;
            }
        }
    }

    /// <summary>Quantized value of <paramref name="real"/>; without quantization parameters the raw pixel value (shifted for int8).</summary>
    private int Quantize(float real, float unquantized) => scale > 0f
        ? (int)MathF.Round(real / scale, MidpointRounding.AwayFromZero) + zeroPoint
        : (int)MathF.Round(unquantized, MidpointRounding.AwayFromZero);
}
