using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.Core.Tests.Tracking;

namespace Lpr.Core.Tests.Localization;

/// <summary>
/// <see cref="FramePlateReader"/> with a locator that proposes fixed candidates and a recognizer that reads each
/// crop by a table (every candidate has a crop of its own), so what reached which stage can be checked.
/// </summary>
public sealed class FramePlateReaderTests
{
    private static readonly PixelImage Frame = PixelImage.CreateGray(1280, 720);

    [Fact]
    public void With_a_verifier_only_candidates_that_read_as_plates_stay_most_confident_first()
    {
        var plate = Candidate(100, 100, 120, 26);
        var sameWider = Candidate(92, 96, 136, 34);   // the same plate boxed with more margin
        var sign = Candidate(400, 50, 100, 22);
        var unsure = Candidate(700, 300, 120, 26);
        var other = Candidate(900, 400, 120, 26);
        var recognizer = new TableRecognizer(new()
        {
            [plate.Crop] = Readings.Of("12가3456", 0.7f),
            [sameWider.Crop] = Readings.Of("12가3456", 0.92f),
            [sign.Crop] = Readings.Of("NC9", 0.95f, valid: false),
            [unsure.Crop] = Readings.Of("34나5678", 0.3f),
            [other.Crop] = Readings.Of("56다7890", 0.8f),
        });
        var reader = new FramePlateReader(new ListLocator(plate, sameWider, sign, unsure, other), recognizer, new PlateCandidateVerifier(0.5));

        var read = reader.Read(Frame);

        Assert.Equal([sameWider, other], read.Plates.Select(p => p.Candidate));
        Assert.Equal(["12가3456", "56다7890"], read.Plates.Select(p => p.Reading.Text));
        Assert.Equal(3, read.Rejected);
        Assert.Equal(5, read.Candidates);
        Assert.Equal([plate.Crop, sameWider.Crop, sign.Crop, unsure.Crop, other.Crop], recognizer.Read);
    }

    [Fact]
    public void Without_a_verifier_every_candidate_is_a_plate_in_the_locators_order()
    {
        var region = Candidate(0, 0, 1280, 720);
        var second = Candidate(10, 10, 100, 22);
        var recognizer = new TableRecognizer(new()
        {
            [region.Crop] = Readings.Of("NC9", 0.95f, valid: false),
            [second.Crop] = Readings.Of("12가3456", 0.2f),
        });
        var reader = new FramePlateReader(new ListLocator(region, second), recognizer, verifier: null);

        var read = reader.Read(Frame);

        Assert.Equal([region, second], read.Plates.Select(p => p.Candidate));
        Assert.False(read.Plates[0].Reading.Valid);
        Assert.Equal(0, read.Rejected);
        Assert.Equal(2, read.Candidates);
    }

    [Fact]
    public void A_frame_without_candidates_reads_nothing()
    {
        var recognizer = new TableRecognizer(new());
        var reader = new FramePlateReader(new ListLocator(), recognizer, new PlateCandidateVerifier(0.5));

        var read = reader.Read(Frame);

        Assert.Empty(read.Plates);
        Assert.Equal(0, read.Candidates);
        Assert.Empty(recognizer.Read);
    }

    [Fact]
    public void A_failing_recognizer_fails_the_frame()
    {
        // The agent counts such a frame as failed and publishes none of its plates, so none may come back.
        var reader = new FramePlateReader(new ListLocator(Candidate(0, 0, 100, 22)), new TableRecognizer(new()), new PlateCandidateVerifier(0.5));

        Assert.Throws<KeyNotFoundException>(() => reader.Read(Frame));
    }

    private static PlateCandidate Candidate(float x, float y, float width, float height) =>
        new(new Quad(new PointF32(x, y), new PointF32(x + width, y), new PointF32(x + width, y + height), new PointF32(x, y + height)), 0.5f, PixelImage.CreateGray(8, 4));

    /// <summary>Proposes the same candidates in every frame.</summary>
    private sealed class ListLocator(params PlateCandidate[] candidates) : IPlateLocator
    {
        public string Name => "list";

        public IReadOnlyList<PlateCandidate> Locate(PixelImage frame) => candidates;
    }

    /// <summary>Reads a crop by looking it up (by reference); remembers the crops it read, in order.</summary>
    private sealed class TableRecognizer(Dictionary<PixelImage, PlateReading> readings) : IPlateRecognizer
    {
        public List<PixelImage> Read { get; } = [];

        public string ModelName => "table";

        public string BackendName => "managed";

        public PlateReading Recognize(PixelImage crop)
        {
            Read.Add(crop);
            return readings[crop];
        }

        public void Dispose()
        {
        }
    }
}
