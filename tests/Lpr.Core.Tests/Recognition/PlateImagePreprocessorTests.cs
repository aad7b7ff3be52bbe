using System.Buffers.Binary;
using Lpr.Core.Imaging;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Core.Tests.Recognition;

public class PlateImagePreprocessorTests
{
    private static readonly PixelImage Gray4x2 = new(4, 2, 1, [10, 20, 30, 40, 50, 60, 70, 80]);

    private static byte[] Run(PixelImage image, ModelInputDescriptor input, TensorType type = TensorType.UInt8, QuantizationParameters? q = null)
    {
        var preprocessor = new PlateImagePreprocessor(input, type, q);
        var buffer = new byte[preprocessor.ByteCount];
        preprocessor.Process(image, buffer);
        return buffer;
    }

    private static ModelInputDescriptor Input(int width, int height, InterpolationMode interpolation, ResizeMode resize = ResizeMode.Stretch, int channels = 1) =>
        new() { Width = width, Height = height, Channels = channels, Interpolation = interpolation, Resize = resize };

    [Theory]
    [InlineData(InterpolationMode.Nearest, 60, 80)] // centres x 1.0 → col 1, 3.0 → col 3; y 1.0 → row 1
    [InlineData(InterpolationMode.Linear, 35, 55)]  // x 0.5 / 2.5, y 0.5: mean of each 2x2 block
    [InlineData(InterpolationMode.Area, 35, 55)]    // each output pixel covers one 2x2 block
    public void Shrinks_with_each_interpolation(InterpolationMode mode, int left, int right) =>
        Assert.Equal([(byte)left, (byte)right], Run(Gray4x2, Input(2, 1, mode)));

    [Fact]
    public void Linear_upscaling_uses_half_pixel_centres_and_clamps_edges() =>
        // x = (i + 0.5) / 2 - 0.5 → -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        Assert.Equal([0, 25, 75, 100], Run(new PixelImage(2, 1, 1, [0, 100]), Input(4, 1, InterpolationMode.Linear)));

    [Fact]
    public void Area_weights_partly_covered_pixels() =>
        // 3 → 2: [0, 1.5) = 0·1 + 30·0.5 → 10; [1.5, 3) = 30·0.5 + 60·1 → 50
        Assert.Equal([10, 50], Run(new PixelImage(3, 1, 1, [0, 30, 60]), Input(2, 1, InterpolationMode.Area)));

    [Fact]
    public void Bgr_becomes_gray_with_bt601_weights_or_rgb_in_order()
    {
        var bgr = new PixelImage(1, 1, 3, [10, 20, 30]);
        Assert.Equal([22], Run(bgr, Input(1, 1, InterpolationMode.Nearest))); // 0.114·10 + 0.587·20 + 0.299·30 = 21.85
        Assert.Equal([30, 20, 10], Run(bgr, Input(1, 1, InterpolationMode.Nearest, channels: 3)));
        Assert.Equal([7, 7, 7], Run(new PixelImage(1, 1, 1, [7]), Input(1, 1, InterpolationMode.Linear, channels: 3)));
    }

    [Fact]
    public void Keep_aspect_places_the_crop_top_left_or_centred_and_pads_with_zero()
    {
        var row = new PixelImage(4, 1, 1, [1, 2, 3, 4]);
        var topLeft = Run(row, Input(4, 4, InterpolationMode.Nearest, ResizeMode.KeepAspectTopLeft));
        Assert.Equal([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], topLeft);
        var centred = Run(row, Input(4, 4, InterpolationMode.Nearest, ResizeMode.KeepAspectCenter));
        Assert.Equal([0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0], centred);
        var stretched = Run(row, Input(4, 2, InterpolationMode.Nearest));
        Assert.Equal([1, 2, 3, 4, 1, 2, 3, 4], stretched);
        var tall = Run(new PixelImage(1, 2, 1, [5, 6]), Input(4, 2, InterpolationMode.Nearest, ResizeMode.KeepAspectCenter));
        Assert.Equal([0, 5, 0, 0, 0, 6, 0, 0], tall); // 1x2 scaled to 1x2, left = (4 - 1) / 2 = 1
    }

    [Fact]
    public void Quantizes_with_the_input_tensor_parameters()
    {
        var pixels = new PixelImage(3, 1, 1, [0, 60, 255]);
        var input = Input(3, 1, InterpolationMode.Nearest);
        var int8 = Run(pixels, input, TensorType.Int8, QuantizationParameters.PerTensor(1f / 255, -128));
        Assert.Equal([-128, -68, 127], int8.Select(b => (int)(sbyte)b));
        var uint8 = Run(new PixelImage(3, 1, 1, [0, 60, 254]), input, TensorType.UInt8, QuantizationParameters.PerTensor(2f / 255, 10));
        Assert.Equal([10, 40, 137], uint8.Select(b => (int)b)); // q = pixel / 2 + 10
        var unquantizedInt8 = Run(pixels, input, TensorType.Int8);
        Assert.Equal([-128, -68, 127], unquantizedInt8.Select(b => (int)(sbyte)b));
    }

    [Fact]
    public void Float_inputs_get_the_descriptor_range()
    {
        var pixels = new PixelImage(3, 1, 1, [0, 51, 255]);
        var input = Input(3, 1, InterpolationMode.Nearest) with { Range = [-1f, 1f] };
        var bytes = Run(pixels, input, TensorType.Float32);
        var values = Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i))).ToArray();
        Assert.Equal(-1f, values[0], 6);
        Assert.Equal(-0.6f, values[1], 6);
        Assert.Equal(1f, values[2], 6);
    }

    [Fact]
    public void Rejects_a_buffer_of_the_wrong_size_and_unsupported_types()
    {
        var preprocessor = new PlateImagePreprocessor(Input(2, 1, InterpolationMode.Linear), TensorType.Float32, null);
        Assert.Contains("needs 8", Assert.Throws<ArgumentException>(() => preprocessor.Process(Gray4x2, new byte[2])).Message);
        Assert.Throws<ArgumentException>(() => new PlateImagePreprocessor(Input(2, 1, InterpolationMode.Linear), TensorType.Int16, null));
        Assert.Throws<ArgumentException>(() => new PlateImagePreprocessor(Input(2, 1, InterpolationMode.Linear), TensorType.Int8, QuantizationParameters.PerChannel([1f, 2f], 3)));
    }

    [Theory]
    [InlineData(InterpolationMode.Nearest)]
    [InlineData(InterpolationMode.Linear)]
    [InlineData(InterpolationMode.Area)]
    public void Steady_state_calls_allocate_nothing(InterpolationMode mode)
    {
        var preprocessor = new PlateImagePreprocessor(Input(64, 16, mode, ResizeMode.KeepAspectCenter, channels: 3), TensorType.Int8, QuantizationParameters.PerTensor(1f / 255, -128));
        var crop = new PixelImage(120, 30, 3, new byte[120 * 30 * 3]);
        var buffer = new byte[preprocessor.ByteCount];
        preprocessor.Process(crop, buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            preprocessor.Process(crop, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
