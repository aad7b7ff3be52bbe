using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.Vision.Localization;

namespace Lpr.Vision.Tests.Localization;

/// <summary>
/// The learned locator end to end on a real .tflite, <see cref="CellDetectorModel"/> (a bright 8x8 input
/// cell is a 4:1 plate centred on it): the letterbox, the backend, decoding, the mapping back to frame
/// pixels, NMS and the rectified crop.
/// </summary>
public sealed class LearnedPlateLocatorTests : IDisposable
{
    private const int InputWidth = 80;
    private const int InputHeight = 48;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-learned-locator-");

    public LearnedPlateLocatorTests()
    {
        File.WriteAllBytes(ModelPath, CellDetectorModel.Build(InputWidth, InputHeight));
        File.WriteAllText(Path.ChangeExtension(ModelPath, ".json"), DetectorDescriptor.CreateDefault(InputWidth, InputHeight, CellDetectorModel.Stride).ToJson());
    }

    private string ModelPath => Path.Combine(folder.FullName, "cells.tflite");

    public void Dispose() => folder.Delete(recursive: true);

    public static TheoryData<string> Backends() =>
        File.Exists(RepoPaths.TfLiteNativeLibrary) ? new TheoryData<string>("managed", "native") : new TheoryData<string>("managed");

    [Theory]
    [MemberData(nameof(Backends))]
    public void Bright_cells_become_plates_in_frame_pixels_thinned_by_nms_with_rectified_crops(string backend)
    {
        // A 160x96 frame shrinks by 2 into the 80x48 input: an input cell is 16x16 frame pixels.
        var frame = PixelImage.CreateGray(160, 96);
        Fill(frame, 4, 2, 255); // the plate: cell centre (36, 20) input pixels
        Fill(frame, 6, 2, 200); // a weaker peak two cells on: its quad overlaps the plate's (IoU 1/3)
        Fill(frame, 8, 4, 128); // a separate, weaker plate
        Fill(frame, 1, 5, 51);  // below the descriptor's threshold 0.3
        var engine = new EngineOptions { Backend = EngineOptions.ParseBackend(backend), NativeLibraryPath = RepoPaths.TfLiteNativeLibrary };
        // No second look: the toy model's quads have one size in input pixels, so a closer look would shrink them.
        using var locator = LearnedPlateLocator.Open(ModelPath, engine, options: new LearnedLocatorOptions { LooseCrop = false, RefineBelowWidth = 0 });

        var plates = locator.Locate(frame);

        Assert.Equal("learned", locator.Name);
        Assert.Equal(backend, locator.Detector.BackendName);
        Assert.Equal(2, plates.Count);
        Assert.Equal(1f, plates[0].Score, 3);
        // Input quad x 20..52, y 16..24 → frame 40..104, 32..48.
        Assert.Equal(new PixelRect(40, 32, 64, 16), plates[0].Box);
        Assert.Equal(new PointF32(40, 32), plates[0].Corners.TopLeft);
        Assert.Equal(new PointF32(104, 48), plates[0].Corners.BottomRight);
        Assert.Equal(128f / 255, plates[1].Score, 3);
        Assert.Equal(new PixelRect(104, 64, 56, 16), plates[1].Box); // its right side, at 168, is clamped to the frame
        // Cut tight, a 4:1 quad is rectified to the one-row plate shape (520x110), 64 pixels high, gray.
        Assert.Equal((303, 64, 1), (plates[0].Crop.Width, plates[0].Crop.Height, plates[0].Crop.Channels));
        Assert.Equal(255, plates[0].Crop.Data[(32 * 303) + 151]); // the bright square sits in the middle
        Assert.Equal(0, plates[0].Crop.Data[(32 * 303) + 10]);
    }

    [Fact]
    public void By_default_crops_keep_the_margin_the_recognizer_was_trained_with()
    {
        var frame = PixelImage.CreateGray(160, 96);
        Fill(frame, 4, 2, 255);
        using var locator = LearnedPlateLocator.Open(ModelPath, new EngineOptions { Backend = InferenceBackend.Managed });

        var crop = Assert.Single(locator.Locate(frame)).Crop;

        // A one-row plate spans about 80% of a loose crop of aspect 2.9 (PlateRectifier.RecognizerCrop).
        Assert.Equal(64, crop.Height);
        Assert.InRange(crop.Width, 170, 200);
        Assert.Equal(255, crop.Data[(32 * crop.Width) + (crop.Width / 2)]);
    }

    [Fact]
    public void Collapsed_or_crossed_quads_are_not_plates()
    {
        var plate = new Quad(new(10, 10), new(60, 12), new(61, 25), new(9, 22));
        var crossed = plate with { TopLeft = plate.TopRight, TopRight = plate.TopLeft };
        var collapsed = plate with { BottomRight = new(35, 11), BottomLeft = new(10, 10) };
        var flat = new Quad(new(0, 0), new(50, 0), new(50, 1), new(0, 1));

        Assert.True(PlateQuads.IsPlausible(plate));
        Assert.False(PlateQuads.IsPlausible(crossed));
        Assert.False(PlateQuads.IsPlausible(collapsed));
        Assert.False(PlateQuads.IsPlausible(flat));
    }

    [Fact]
    public void Options_override_the_threshold_and_a_frame_without_bright_cells_has_no_plates()
    {
        var frame = PixelImage.CreateGray(160, 96);
        Fill(frame, 1, 5, 51);
        using var strict = LearnedPlateLocator.Open(ModelPath, new EngineOptions { Backend = InferenceBackend.Managed });
        using var lenient = LearnedPlateLocator.Open(ModelPath, new EngineOptions { Backend = InferenceBackend.Managed }, options: new LearnedLocatorOptions { MinScore = 0.1f });

        Assert.Empty(strict.Locate(frame));
        Assert.Single(lenient.Locate(frame));
        Assert.Empty(strict.Locate(PixelImage.CreateGray(160, 96)));
    }

    [Fact]
    public void A_bad_option_and_a_missing_descriptor_are_reported_at_open()
    {
        var options = Assert.Throws<ArgumentException>(() => LearnedPlateLocator.Open(ModelPath, new EngineOptions { Backend = InferenceBackend.Managed }, options: new LearnedLocatorOptions { NmsIou = 0 }));
        Assert.Contains("nmsIou", options.Message);
        var refine = Assert.Throws<ArgumentException>(() => LearnedPlateLocator.Open(ModelPath, new EngineOptions { Backend = InferenceBackend.Managed }, options: new LearnedLocatorOptions { RefineBelowWidth = -1 }));
        Assert.Contains("refineBelowWidth", refine.Message);
        File.Delete(Path.ChangeExtension(ModelPath, ".json"));
        var descriptor = Assert.Throws<Lpr.Core.Recognition.ModelDescriptorException>(() => LearnedPlateLocator.Open(ModelPath));
        Assert.Contains("cells.json", descriptor.Message);
    }

    /// <summary>Paints input cell (x, y) — 16x16 frame pixels — with one gray level.</summary>
    private static void Fill(PixelImage frame, int cellX, int cellY, byte level)
    {
        for (var y = cellY * 16; y < (cellY + 1) * 16; y++)
        {
            Array.Fill(frame.Data, level, (y * frame.Width) + (cellX * 16), 16);
        }
    }
}
