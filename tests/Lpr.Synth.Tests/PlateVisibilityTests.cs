using Lpr.Core.Imaging;
using Lpr.Synth.Scenes;
using SkiaSharp;

namespace Lpr.Synth.Tests;

public sealed class PlateVisibilityTests
{
    // A 100x30 plate at (50, 100) in a 320x240 frame.
    private static readonly Quad Plate = Quad.FromRect(new PixelRect(50, 100, 100, 30));

    [Fact]
    public void An_uncovered_plate_is_wholly_visible()
    {
        using var visibility = new PlateVisibility(320, 240);

        Assert.Equal(1.0, visibility.VisibleFraction(Plate));
    }

    [Fact]
    public void A_shape_over_the_left_half_hides_half_the_plate()
    {
        using var visibility = new PlateVisibility(320, 240);
        using var picture = Record(c => c.DrawRect(new SKRect(0, 0, 100, 240), Paint(255)));

        visibility.Cover(picture, SKMatrix.Identity);

        Assert.Equal(0.5, visibility.VisibleFraction(Plate), 2);
    }

    [Fact]
    public void Covering_within_a_region_marks_only_its_pixels()
    {
        using var clipped = new PlateVisibility(320, 240);
        using var whole = new PlateVisibility(320, 240);
        using var picture = Record(c => c.DrawRect(new SKRect(0, 0, 320, 240), Paint(255)));
        var elsewhere = Quad.FromRect(new PixelRect(200, 10, 100, 30));

        clipped.Cover(picture, SKMatrix.Identity, new SKRect(40, 90, 160, 140)); // around Plate only
        whole.Cover(picture, SKMatrix.Identity);

        Assert.Equal(whole.VisibleFraction(Plate), clipped.VisibleFraction(Plate)); // hidden alike: 0
        Assert.Equal(0.0, whole.VisibleFraction(elsewhere));
        Assert.Equal(1.0, clipped.VisibleFraction(elsewhere));
    }

    [Fact]
    public void A_shape_whose_bounding_box_takes_in_the_plate_but_whose_pixels_miss_it_hides_nothing()
    {
        // A cabin-like triangle: its bounding box (0,0)-(320,240) covers the plate, its pixels lie below-right of it.
        using var visibility = new PlateVisibility(320, 240);
        using var path = new SKPath();
        path.MoveTo(320, 0);
        path.LineTo(320, 240);
        path.LineTo(0, 240);
        path.Close();
        using var picture = Record(c => c.DrawPath(path, Paint(255)));
        visibility.Cover(picture, SKMatrix.Identity);

        // The diagonal runs from (320,0) to (0,240), y = 240 - 0.75 x: a plate at x 20..120, y 60..90 lies above it.
        Assert.Equal(1.0, visibility.VisibleFraction(Quad.FromRect(new PixelRect(20, 60, 100, 30))));
        Assert.True(visibility.VisibleFraction(Plate) < 1, "the plate at x 50..150, y 100..130 dips below the diagonal");
    }

    [Fact]
    public void A_translucent_shadow_darkens_but_does_not_hide_and_the_matrix_places_the_shape()
    {
        using var visibility = new PlateVisibility(320, 240);
        using var shadow = Record(c => c.DrawRect(new SKRect(0, 0, 320, 240), Paint(110)));
        using var block = Record(c => c.DrawRect(new SKRect(0, 0, 10, 10), Paint(255)));
        visibility.Cover(shadow, SKMatrix.Identity);
        Assert.Equal(1.0, visibility.VisibleFraction(Plate));

        // The 10x10 block scaled 5x to 50x50 and moved to (100, 90): it hides x 100..150, y 100..130 of the plate.
        visibility.Cover(block, SKMatrix.CreateScaleTranslation(5, 5, 100, 90));

        Assert.Equal(0.5, visibility.VisibleFraction(Plate), 2);
    }

    private static SKPaint Paint(byte alpha) => new() { Color = new SKColor(40, 40, 40, alpha), IsAntialias = true };

    private static SKPicture Record(Action<SKCanvas> draw)
    {
        using var recorder = new SKPictureRecorder();
        draw(recorder.BeginRecording(new SKRect(-1000, -1000, 1000, 1000)));
        return recorder.EndRecording();
    }
}
