using CsCheck;
using Lpr.Core.Imaging;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Core.Tests.Recognition;

public sealed class ShiftedCropsTests
{
    private static readonly Gen<(int Width, int Height, int View)> Views = Gen.Select(Gen.Int[1, 600], Gen.Int[1, 300], Gen.Int[0, ShiftedCrops.Max - 1]);

    [Fact]
    public void Every_view_is_a_non_empty_part_of_the_crop() =>
        Views.Sample(v =>
        {
            var r = ShiftedCrops.Region(v.Width, v.Height, v.View);
            Assert.InRange(r.Width, 1, v.Width);
            Assert.InRange(r.Height, 1, v.Height);
            Assert.InRange(r.X, 0, v.Width - r.Width);
            Assert.InRange(r.Y, 0, v.Height - r.Height);
        });

    [Fact]
    public void The_first_four_views_trim_one_edge_each_and_the_fifth_every_edge()
    {
        // 4 % of 200 = 8 px, 8 % of 50 = 4 px.
        Assert.Equal(new PixelRect(8, 0, 192, 50), ShiftedCrops.Region(200, 50, 0));
        Assert.Equal(new PixelRect(0, 0, 192, 50), ShiftedCrops.Region(200, 50, 1));
        Assert.Equal(new PixelRect(0, 4, 200, 46), ShiftedCrops.Region(200, 50, 2));
        Assert.Equal(new PixelRect(0, 0, 200, 46), ShiftedCrops.Region(200, 50, 3));
        Assert.Equal(new PixelRect(8, 4, 184, 42), ShiftedCrops.Region(200, 50, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedCrops.Region(200, 50, ShiftedCrops.Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedCrops.Region(0, 50, 0));
    }

    [Fact]
    public void Preprocessing_a_region_equals_preprocessing_a_copy_of_it() =>
        Gen.Select(Gen.Int, Gen.Int[1, 40], Gen.Int[1, 30], Gen.Int[0, 1].Select(i => i == 0 ? 1 : 3), Gen.Enum<InterpolationMode>())
            .Sample(c =>
            {
                var (seed, width, height, channels, interpolation) = c;
                var random = new Random(seed);
                var data = new byte[width * height * channels];
                random.NextBytes(data);
                var crop = new PixelImage(width, height, channels, data);
                var x = random.Next(width);
                var y = random.Next(height);
                var region = new PixelRect(x, y, random.Next(1, width - x + 1), random.Next(1, height - y + 1));
                var copy = new byte[region.Width * region.Height * channels];
                for (var row = 0; row < region.Height; row++)
                {
                    Array.Copy(data, (((region.Y + row) * width) + region.X) * channels, copy, row * region.Width * channels, region.Width * channels);
                }

                var input = new ModelInputDescriptor { Width = 16, Height = 8, Channels = 1, Interpolation = interpolation };
                var preprocessor = new PlateImagePreprocessor(input, TensorType.UInt8, null);
                var fromRegion = new byte[preprocessor.ByteCount];
                var fromCopy = new byte[preprocessor.ByteCount];
                preprocessor.Process(crop, region, fromRegion);
                preprocessor.Process(new PixelImage(region.Width, region.Height, channels, copy), fromCopy);
                Assert.Equal(fromCopy, fromRegion);
            });

    [Fact]
    public void A_region_outside_the_crop_is_refused()
    {
        var preprocessor = new PlateImagePreprocessor(new ModelInputDescriptor { Width = 4, Height = 2, Channels = 1 }, TensorType.UInt8, null);
        var crop = PixelImage.CreateGray(10, 5);
        var buffer = new byte[preprocessor.ByteCount];
        Assert.Throws<ArgumentOutOfRangeException>(() => preprocessor.Process(crop, new PixelRect(8, 0, 3, 5), buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => preprocessor.Process(crop, new PixelRect(0, 0, 0, 5), buffer));
    }
}
