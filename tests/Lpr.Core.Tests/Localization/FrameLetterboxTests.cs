using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Core.Tests.Localization;

public sealed class FrameLetterboxTests
{
    private static readonly ModelInputDescriptor Input = DetectorDescriptor.CreateDefault(320, 192, 8).Input!;

    [Fact]
    public void A_720p_frame_shrinks_by_exact_4x4_box_averages_into_the_top_left_and_the_rest_is_padding()
    {
        var frame = PixelImage.CreateGray(1280, 720);
        for (var y = 0; y < 720; y++)
        {
            for (var x = 0; x < 1280; x++)
            {
                frame.Data[(y * 1280) + x] = (byte)((x + (3 * y)) % 256);
            }
        }

        var letterbox = new FrameLetterbox(Input, TensorType.UInt8, QuantizationParameters.PerTensor(1f / 255, 0));
        var tensor = new byte[320 * 192];
        letterbox.Process(frame, tensor);

        Assert.Equal((0.25f, 0.25f), letterbox.Scale);
        for (var oy = 0; oy < 180; oy += 37)
        {
            for (var ox = 0; ox < 320; ox += 29)
            {
                var sum = 0;
                for (var dy = 0; dy < 4; dy++)
                {
                    for (var dx = 0; dx < 4; dx++)
                    {
                        sum += frame.Data[(((4 * oy) + dy) * 1280) + (4 * ox) + dx];
                    }
                }

                Assert.Equal((byte)Math.Round(sum / 16.0, MidpointRounding.AwayFromZero), tensor[(oy * 320) + ox]);
            }
        }

        Assert.All(tensor.Skip(180 * 320), b => Assert.Equal(0, b));
        Assert.Equal(new PointF32(400, 100), letterbox.ToFrame(new PointF32(100, 25)));
    }

    [Fact]
    public void Bgr_frames_use_the_agents_gray_and_int8_inputs_get_their_zero_point()
    {
        // 4:3 frame: scale 192/480 = 0.4, so 256 of the 320 columns hold the frame.
        var frame = new PixelImage(640, 480, 3, new byte[640 * 480 * 3]);
        for (var i = 0; i < 640 * 480; i++)
        {
            (frame.Data[3 * i], frame.Data[(3 * i) + 1], frame.Data[(3 * i) + 2]) = (200, 100, 50); // B, G, R
        }

        var letterbox = new FrameLetterbox(Input, TensorType.Int8, QuantizationParameters.PerTensor(1f / 255, -128));
        var tensor = new byte[320 * 192];
        letterbox.Process(frame, tensor);

        var gray = ((200 * 1868) + (100 * 9617) + (50 * 4899) + 8192) >> 14;
        Assert.Equal((sbyte)(gray - 128), (sbyte)tensor[(100 * 320) + 128]);
        Assert.Equal((sbyte)(gray - 128), (sbyte)tensor[(191 * 320) + 255]);
        Assert.Equal(-128, (sbyte)tensor[(10 * 320) + 256]); // right padding is pixel 0
        Assert.Equal((0.4f, 0.4f), letterbox.Scale);
    }

    [Fact]
    public void A_bgr_frame_of_a_whole_multiple_takes_the_box_path_with_the_gray_of_every_pixel_averaged()
    {
        var frame = new PixelImage(1920, 1080, 3, new byte[1920 * 1080 * 3]);
        new Random(4).NextBytes(frame.Data);
        var letterbox = new FrameLetterbox(Input, TensorType.UInt8, QuantizationParameters.PerTensor(1f / 255, 0));
        var tensor = new byte[320 * 192];

        letterbox.Process(frame, tensor);

        // 1920x1080 → 320x180: 6x6 boxes.
        foreach (var (ox, oy) in new[] { (0, 0), (17, 90), (319, 179), (200, 3) })
        {
            var sum = 0;
            for (var dy = 0; dy < 6; dy++)
            {
                for (var dx = 0; dx < 6; dx++)
                {
                    var j = ((((6 * oy) + dy) * 1920) + (6 * ox) + dx) * 3;
                    sum += ((frame.Data[j] * 1868) + (frame.Data[j + 1] * 9617) + (frame.Data[j + 2] * 4899) + 8192) >> 14;
                }
            }

            Assert.Equal((byte)Math.Round(sum / 36.0, MidpointRounding.AwayFromZero), tensor[(oy * 320) + ox]);
        }
    }

    [Fact]
    public void A_tensor_of_the_wrong_size_is_rejected()
    {
        var letterbox = new FrameLetterbox(Input, TensorType.UInt8, null);
        var error = Assert.Throws<ArgumentException>(() => letterbox.Process(PixelImage.CreateGray(64, 64), new byte[10]));
        Assert.Contains("320x192", error.Message);
    }
}
