using Lpr.Core.Imaging;
using Lpr.Vision.Localization;

namespace Lpr.Vision.Tests.Localization;

public sealed class FixedRegionLocatorTests
{
    private static readonly PixelImage Frame = new(20, 10, 3, [.. Enumerable.Range(0, 600).Select(i => (byte)(i % 251))]);

    [Fact]
    public void Without_a_region_the_whole_frame_is_one_gray_candidate()
    {
        var candidate = Assert.Single(new FixedRegionLocator().Locate(Frame));

        Assert.Equal(new PixelRect(0, 0, 20, 10), candidate.Box);
        Assert.Equal((20, 10, 1), (candidate.Crop.Width, candidate.Crop.Height, candidate.Crop.Channels));
    }

    [Fact]
    public void A_region_is_clipped_to_the_frame_and_one_outside_finds_nothing()
    {
        var candidate = Assert.Single(new FixedRegionLocator(new PixelRect(15, 5, 10, 10)).Locate(Frame));

        Assert.Equal(new PixelRect(15, 5, 5, 5), candidate.Box);
        Assert.Equal(5, candidate.Crop.Width);
        Assert.Empty(new FixedRegionLocator(new PixelRect(30, 0, 5, 5)).Locate(Frame));
    }
}
