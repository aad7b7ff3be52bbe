using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;

namespace Lpr.Core.Tests.Localization;

public sealed class TfLitePlateDetectorTests
{
    [Fact]
    public void Peaks_of_the_outputs_come_back_as_quads_in_frame_pixels()
    {
        using var engine = new FakeDetectorEngine(320, 192, 8);
        // Cell (10, 12): centre (10.5, 12.5) cells = (84, 100) input pixels = (336, 400) in a 720p frame.
        engine.SetPlate(10, 12, 0.75f, [-2, -0.5f, 2, -0.5f, 2, 0.5f, -2, 0.5f]);
        engine.SetPlate(30, 5, 0.2f, [-1, -1, 1, -1, 1, 1, -1, 1]); // below the threshold
        using var detector = new TfLitePlateDetector(engine, DetectorDescriptor.CreateDefault(320, 192, 8), "fake.tflite", ownsEngine: false);

        var found = detector.Detect(new PixelImage(1280, 720, 3, new byte[1280 * 720 * 3])).ToArray();

        var plate = Assert.Single(found);
        Assert.Equal(0.75f, plate.Score, 2);
        Assert.Equal(new PointF32(336 - 64, 400 - 16), plate.Corners.TopLeft);
        Assert.Equal(new PointF32(336 + 64, 400 + 16), plate.Corners.BottomRight);
        Assert.Equal(new PixelRect(272, 384, 128, 32), plate.Corners.Bounds());
        Assert.Equal(1, engine.Invocations);
    }

    [Fact]
    public void Corners_past_the_frame_edge_are_clamped_and_a_lower_threshold_reports_weaker_plates()
    {
        using var engine = new FakeDetectorEngine(320, 192, 8);
        engine.SetPlate(0, 0, 0.5f, [-3, -3, 1, -3, 1, 1, -3, 1]);
        engine.SetPlate(30, 5, 0.2f, [-1, -1, 1, -1, 1, 1, -1, 1]);
        using var detector = new TfLitePlateDetector(engine, DetectorDescriptor.CreateDefault(320, 192, 8), "fake.tflite", ownsEngine: false) { Threshold = 0.1f };

        var found = detector.Detect(PixelImage.CreateGray(640, 384)).ToArray(); // scale 0.5

        Assert.Equal(2, found.Length);
        Assert.Equal(new PointF32(0, 0), found[0].Corners.TopLeft);
        Assert.Equal(new PointF32((0.5f + 1) * 8 * 2, (0.5f + 1) * 8 * 2), found[0].Corners.BottomRight);
    }

    [Fact]
    public void Detecting_in_a_720p_frame_allocates_nothing_after_the_first_frame()
    {
        using var engine = new FakeDetectorEngine(320, 192, 8);
        engine.SetPlate(10, 12, 0.75f, [-2, -0.5f, 2, -0.5f, 2, 0.5f, -2, 0.5f]);
        using var detector = new TfLitePlateDetector(engine, DetectorDescriptor.CreateDefault(320, 192, 8), "fake.tflite", ownsEngine: false);
        var frame = new PixelImage(1280, 720, 3, new byte[1280 * 720 * 3]);
        _ = detector.Detect(frame); // builds the letterbox's tap tables for this frame size

        // The least any of several calls allocated: a per-call allocation shows in every call, while the runtime may
        // allocate once on this thread at any time (tiered JIT promoting a method it just counted).
        var least = long.MaxValue;
        var count = 0;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            count = detector.Detect(frame).Length;
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_descriptor_that_does_not_fit_the_tensors_is_rejected_naming_the_output()
    {
        using var engine = new FakeDetectorEngine(320, 192, 8);
        var error = Assert.Throws<ModelDescriptorException>(() => new TfLitePlateDetector(engine, DetectorDescriptor.CreateDefault(320, 192, 16), "fake.tflite", ownsEngine: false));
        Assert.Contains("heatmap", error.Message);
    }

    [Fact]
    public void Descriptor_round_trips_and_names_a_bad_field()
    {
        var json = DetectorDescriptor.CreateDefault(320, 192, 8, 0.4f).ToJson();
        var parsed = DetectorDescriptor.Parse(json);
        Assert.Equal("plate-detection", parsed.Task);
        Assert.Equal(8, parsed.Stride);
        Assert.Equal(0.4f, parsed.Threshold);
        Assert.Equal(ResizeMode.KeepAspectTopLeft, parsed.Input!.Resize);
        Assert.Equal((0, 1), (parsed.Outputs!.Heatmap, parsed.Outputs.Corners));

        var error = Assert.Throws<ModelDescriptorException>(() => DetectorDescriptor.Parse(json.Replace("\"stride\": 8", "\"stride\": 7", StringComparison.Ordinal), "m.json"));
        Assert.Contains("'stride'", error.Message);
        Assert.Contains("m.json", error.Message);
        var wrongTask = Assert.Throws<ModelDescriptorException>(() => DetectorDescriptor.Parse(json.Replace("plate-detection", "plate-recognition", StringComparison.Ordinal)));
        Assert.Contains("'task'", wrongTask.Message);
    }
}
