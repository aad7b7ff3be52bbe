using CsCheck;
using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Tests.Imaging;

public sealed class FrameTransformsTests
{
    private static readonly Gen<PixelImage> Images =
        Gen.Select(Gen.Int[1, 9], Gen.Int[1, 9], Gen.OneOf(Gen.Const(1), Gen.Const(3)))
            .SelectMany((w, h, c) => Gen.Byte.Array[w * h * c].Select(data => new PixelImage(w, h, c, data)));

    [Theory]
    [InlineData(90, RotateFlags.Rotate90Clockwise)]
    [InlineData(180, RotateFlags.Rotate180)]
    [InlineData(270, RotateFlags.Rotate90Counterclockwise)]
    public void Rotation_matches_opencv(int degrees, RotateFlags flags) =>
        Images.Sample(image =>
        {
            using var source = image.ToMat();
            using var expected = new Mat();
            Cv2.Rotate(source, expected, flags);
            return FrameTransforms.Rotate(image, degrees).Data.SequenceEqual(expected.ToPixelImage().Data);
        });

    [Fact]
    public void Four_quarter_turns_are_the_identity() =>
        Images.Sample(image =>
        {
            var turned = image;
            for (var i = 0; i < 4; i++)
            {
                turned = FrameTransforms.Rotate(turned, 90);
            }

            return turned.Data.SequenceEqual(image.Data) && turned.Width == image.Width;
        });

    [Fact]
    public void An_unsupported_rotation_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameTransforms.Rotate(PixelImage.CreateGray(2, 2), 45));

    [Fact]
    public void Gray_conversion_is_within_one_level_of_opencv() =>
        Images.Where(i => i.Channels == 3).Sample(image =>
        {
            using var source = image.ToMat();
            using var expected = new Mat();
            Cv2.CvtColor(source, expected, ColorConversionCodes.BGR2GRAY);
            return FrameTransforms.ToGray(image).Data.Zip(expected.ToPixelImage().Data, (a, b) => Math.Abs(a - b)).All(d => d <= 1);
        });

    [Fact]
    public void Crop_is_clipped_to_the_image()
    {
        var image = new PixelImage(4, 3, 1, [.. Enumerable.Range(0, 12).Select(i => (byte)i)]);

        var crop = FrameTransforms.Crop(image, new PixelRect(2, 1, 10, 10));

        Assert.Equal((2, 2), (crop.Width, crop.Height));
        Assert.Equal(new byte[] { 6, 7, 10, 11 }, crop.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameTransforms.Crop(image, new PixelRect(5, 5, 2, 2)));
    }
}
