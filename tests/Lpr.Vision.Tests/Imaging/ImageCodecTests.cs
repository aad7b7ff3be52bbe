using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;

namespace Lpr.Vision.Tests.Imaging;

public sealed class ImageCodecTests
{
    private static PixelImage Gradient(int width, int height, int channels)
    {
        var data = new byte[width * height * channels];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i / channels % width) * 255 / (width - 1));
        }

        return new PixelImage(width, height, channels, data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_jpeg_round_trip_keeps_size_channels_and_roughly_the_pixels(int channels)
    {
        var image = Gradient(64, 32, channels);

        var decoded = ImageCodec.Decode(ImageCodec.EncodeJpeg(image, 95));

        Assert.Equal((64, 32, channels), (decoded.Width, decoded.Height, decoded.Channels));
        var worst = image.Data.Zip(decoded.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(worst, 0, 12);
    }

    [Fact]
    public void Mat_conversion_round_trips_exactly()
    {
        var image = Gradient(17, 5, 3);

        using var mat = image.ToMat();
        var back = mat.ToPixelImage();

        Assert.Equal(image.Data, back.Data);
        Assert.Equal(17, mat.Cols);
    }

    [Fact]
    public void Garbage_and_missing_files_give_errors_naming_the_input()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lpr-not-an-image-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(file, "this is not a jpeg");
        try
        {
            var garbage = Assert.Throws<ImageDecodeException>(() => ImageCodec.Load(file));
            Assert.Contains(file, garbage.Message, StringComparison.Ordinal);
            Assert.Contains("not a readable image", garbage.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        var missing = Assert.Throws<ImageDecodeException>(() => ImageCodec.Load(file));
        Assert.Contains(file, missing.Message, StringComparison.Ordinal);
        Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode([]));
    }
}
