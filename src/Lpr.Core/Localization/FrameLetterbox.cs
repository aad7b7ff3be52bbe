using System.Buffers.Binary;
using Lpr.Core.Imaging;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Core.Localization;

/// <summary>
/// Shrinks a whole camera frame (gray or BGR, any size) into a detector's gray input tensor: gray
/// with the fixed-point BT.601 weights the agent uses everywhere (<c>FrameTransforms.ToGray</c>),
/// fitted per the descriptor's <see cref="ResizeMode"/> (keep-aspect modes pad with pixel 0) by area
/// averaging with fractional edge weights (a 1280x720 frame into 320x180 is an exact 4x4 box), the
/// mean rounded to a gray level as a stored image would be, then mapped to the input's real range and
/// quantized through a 256-entry table. <see cref="ToFrame"/> maps input pixels back to the frame.
/// <para>Managed code only, separable (each frame pixel is read once); a frame that is an exact multiple
/// of the fitted size (720p and 1080p into 320x180) takes an integer box-sum path with the same result.
/// Tap tables are rebuilt only when the frame size changes, so steady-state calls allocate nothing.
/// Not thread-safe.</para>
/// </summary>
public sealed class FrameLetterbox
{
    private readonly ModelInputDescriptor input;
    private readonly TensorType type;
    private readonly byte[] quantized = new byte[256];
    private readonly float[] real = new float[256];
    private readonly float[] rowSums;
    private readonly float[] accumulator;
    private readonly int[] boxSums;
    private int frameWidth, frameHeight, outWidth, outHeight, left, top;
    private float scaleX = 1, scaleY = 1, areaNormalizer = 1;
    private Taps columns = Taps.Empty, rows = Taps.Empty;
    private byte[] grayRow = [];

    /// <param name="input">Size, resize mode and range from the detector descriptor (1 channel, area interpolation).</param>
    /// <param name="type">The input tensor's element type: UInt8, Int8 or Float32.</param>
    /// <param name="quantization">The input tensor's quantization (per-tensor), or null.</param>
    public FrameLetterbox(ModelInputDescriptor input, TensorType type, QuantizationParameters? quantization)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate("descriptor");
        if (input.Channels != 1)
        {
            throw new ArgumentException("The letterbox writes gray inputs (1 channel).", nameof(input));
        }

        if (type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ArgumentException($"The detector feeds uint8, int8 or float32 inputs, not {type.ToSchemaName()}.", nameof(type));
        }

        if (quantization is { IsPerChannel: true })
        {
            throw new ArgumentException("An image input cannot be quantized per channel.", nameof(quantization));
        }

        this.input = input;
        this.type = type;
        var scale = quantization is { IsQuantized: true } ? quantization.Scale[0] : 0f;
        var zeroPoint = quantization is { IsQuantized: true } ? (int)quantization.ZeroPoint.FirstOrDefault() : 0;
        var perLevel = (input.RangeMax - input.RangeMin) / 255f;
        for (var level = 0; level < 256; level++)
        {
            real[level] = input.RangeMin + (level * perLevel);
            // Without quantization parameters an 8-bit input gets the raw level (shifted for int8).
            var q = scale > 0f
                ? (int)MathF.Round(real[level] / scale, MidpointRounding.AwayFromZero) + zeroPoint
                : type == TensorType.Int8 ? level - 128 : level;
            quantized[level] = type == TensorType.Int8 ? (byte)(sbyte)Math.Clamp(q, -128, 127) : (byte)Math.Clamp(q, 0, 255);
        }

        rowSums = new float[input.Width];
        accumulator = new float[input.Width];
        boxSums = new int[input.Width];
    }

    /// <summary>Bytes of the input tensor this letterbox writes.</summary>
    public int ByteCount => input.Width * input.Height * (type == TensorType.Float32 ? 4 : 1);

    /// <summary>Input pixels per frame pixel along x and y for the last frame size.</summary>
    public (float X, float Y) Scale => (scaleX, scaleY);

    /// <summary>Where the frame starts in the input (non-zero for centred letterboxing).</summary>
    public (int Left, int Top) Offset => (left, top);

    /// <summary>Writes <paramref name="frame"/> into <paramref name="destination"/> (the input tensor's bytes, NHWC).</summary>
    public void Process(PixelImage frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length != ByteCount)
        {
            throw new ArgumentException($"The input tensor has {destination.Length} bytes; {input.Width}x{input.Height} {type.ToSchemaName()} needs {ByteCount}.", nameof(destination));
        }

        Configure(frame.Width, frame.Height);
        if (outWidth < input.Width || outHeight < input.Height)
        {
            Fill(destination, 0, input.Width * input.Height, 0);
        }

        if (columns.Box > 0 && rows.Box > 0)
        {
            ProcessBoxes(frame, destination);
            return;
        }

        var previousRow = -1;
        for (var oy = 0; oy < outHeight; oy++)
        {
            Array.Clear(accumulator, 0, outWidth);
            var (start, count) = (rows.Start[oy], rows.Count[oy]);
            for (var t = 0; t < count; t++)
            {
                var sy = start + t;
                if (sy != previousRow)
                {
                    SumRow(frame, sy);
                    previousRow = sy;
                }

                var wy = rows.Weights[rows.Offset[oy] + t];
                for (var ox = 0; ox < outWidth; ox++)
                {
                    accumulator[ox] += wy * rowSums[ox];
                }
            }

            var rowStart = ((top + oy) * input.Width) + left;
            for (var ox = 0; ox < outWidth; ox++)
            {
                var level = (int)MathF.Round(accumulator[ox] * areaNormalizer, MidpointRounding.AwayFromZero);
                Fill(destination, rowStart + ox, 1, Math.Clamp(level, 0, 255));
            }
        }
    }

    /// <summary>
    /// The integer path for frames that shrink by whole factors: each output pixel is the rounded mean
    /// of a box of gray levels, summed in integers (what the weighted path computes, exactly).
    /// </summary>
    private void ProcessBoxes(PixelImage frame, Span<byte> destination)
    {
        var (boxWidth, boxHeight) = (columns.Box, rows.Box);
        var area = boxWidth * boxHeight;
        var data = frame.Data;
        for (var oy = 0; oy < outHeight; oy++)
        {
            Array.Clear(boxSums, 0, outWidth);
            for (var sy = oy * boxHeight; sy < (oy + 1) * boxHeight; sy++)
            {
                var row = sy * frame.Stride;
                if (frame.Channels == 1)
                {
                    for (int ox = 0, x = row; ox < outWidth; ox++)
                    {
                        var sum = 0;
                        for (var k = 0; k < boxWidth; k++, x++)
                        {
                            sum += data[x];
                        }

                        boxSums[ox] += sum;
                    }
                }
                else
                {
                    for (int ox = 0, j = row; ox < outWidth; ox++)
                    {
                        var sum = 0;
                        for (var k = 0; k < boxWidth; k++, j += 3)
                        {
                            sum += ((data[j] * 1868) + (data[j + 1] * 9617) + (data[j + 2] * 4899) + 8192) >> 14;
                        }

                        boxSums[ox] += sum;
                    }
                }
            }

            var rowStart = ((top + oy) * input.Width) + left;
            for (var ox = 0; ox < outWidth; ox++)
            {
                Fill(destination, rowStart + ox, 1, ((2 * boxSums[ox]) + area) / (2 * area));
            }
        }
    }

    /// <summary>A point in input pixels as a point in the frame last processed.</summary>
    public PointF32 ToFrame(PointF32 point) => new((point.X - left) / scaleX, (point.Y - top) / scaleY);

    /// <summary>The tensor value of gray level <paramref name="level"/>, written at <paramref name="count"/> elements from <paramref name="start"/>.</summary>
    private void Fill(Span<byte> destination, int start, int count, int level)
    {
        if (type == TensorType.Float32)
        {
            for (var i = start; i < start + count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], real[level]);
            }
        }
        else
        {
            destination.Slice(start, count).Fill(quantized[level]);
        }
    }

    /// <summary>Frame row <paramref name="sy"/> in gray, reduced horizontally into <see cref="rowSums"/>.</summary>
    private void SumRow(PixelImage frame, int sy)
    {
        var data = frame.Data.AsSpan(sy * frame.Stride, frame.Stride);
        Span<byte> gray;
        if (frame.Channels == 1)
        {
            gray = data;
        }
        else
        {
            gray = grayRow.AsSpan(0, frame.Width);
            for (int x = 0, j = 0; x < gray.Length; x++, j += 3)
            {
                // 0.114 B + 0.587 G + 0.299 R in 14-bit fixed point, rounded (FrameTransforms.ToGray).
                gray[x] = (byte)(((data[j] * 1868) + (data[j + 1] * 9617) + (data[j + 2] * 4899) + 8192) >> 14);
            }
        }

        for (var ox = 0; ox < outWidth; ox++)
        {
            var (start, count, offset) = (columns.Start[ox], columns.Count[ox], columns.Offset[ox]);
            var sum = 0f;
            for (var t = 0; t < count; t++)
            {
                sum += columns.Weights[offset + t] * gray[start + t];
            }

            rowSums[ox] = sum;
        }
    }

    private void Configure(int width, int height)
    {
        if (width == frameWidth && height == frameHeight)
        {
            return;
        }

        (outWidth, outHeight, left, top) = (input.Width, input.Height, 0, 0);
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

        (scaleX, scaleY) = ((float)outWidth / width, (float)outHeight / height);
        columns = Taps.Build(width, outWidth);
        rows = Taps.Build(height, outHeight);
        areaNormalizer = (float)((double)outWidth * outHeight / ((double)width * height));
        grayRow = new byte[width];
        (frameWidth, frameHeight) = (width, height);
    }

    /// <summary>
    /// Area-averaging taps of one axis: output i covers source [i·n/m, (i+1)·n/m); each source pixel
    /// it touches weighs its overlap (1 inside, a fraction at the ends). Enlarging (m &gt; n) degenerates
    /// to the nearest-covering pixels, which the detector never needs but handles. <see cref="Box"/> is
    /// the whole factor n/m when there is one (every weight 1), else 0.
    /// </summary>
    private sealed record Taps(int[] Start, int[] Count, int[] Offset, float[] Weights)
    {
        public static Taps Empty { get; } = new([], [], [], []);

        public int Box { get; private init; }

        public static Taps Build(int sourceSize, int outputSize)
        {
            var step = (double)sourceSize / outputSize;
            var start = new int[outputSize];
            var count = new int[outputSize];
            var offset = new int[outputSize];
            var weights = new List<float>();
            for (var i = 0; i < outputSize; i++)
            {
                double from = i * step, to = Math.Min(sourceSize, (i + 1) * step);
                var first = Math.Min((int)from, sourceSize - 1);
                var last = Math.Max(first, Math.Min(sourceSize - 1, (int)Math.Ceiling(to) - 1));
                (start[i], count[i], offset[i]) = (first, last - first + 1, weights.Count);
                for (var s = first; s <= last; s++)
                {
                    var overlap = Math.Min(s + 1, to) - Math.Max(s, from);
                    weights.Add((float)Math.Max(overlap, 0));
                }
            }

            var box = sourceSize % outputSize == 0 ? sourceSize / outputSize : 0;
            return new Taps(start, count, offset, [.. weights]) { Box = box };
        }
    }
}
