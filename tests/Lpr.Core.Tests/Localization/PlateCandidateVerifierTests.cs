using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.Core.Tests.Tracking;

namespace Lpr.Core.Tests.Localization;

public sealed class PlateCandidateVerifierTests
{
    private static readonly PixelImage Crop = new(8, 4, 1, new byte[32]);

    private static (PlateCandidate, PlateReading) Read(int x, int y, int width, int height, string text, float confidence, bool valid = true) =>
        (new PlateCandidate(Box(x, y, width, height), 0.5f, Crop), Readings.Of(text, confidence, valid));

    private static Quad Box(float x, float y, float width, float height) =>
        new(new PointF32(x, y), new PointF32(x + width, y), new PointF32(x + width, y + height), new PointF32(x, y + height));

    [Fact]
    public void Only_valid_confident_readings_are_plates()
    {
        var verifier = new PlateCandidateVerifier(0.5);
        var readings = new[]
        {
            Read(0, 0, 100, 22, "12가3456", 0.9f),
            Read(300, 0, 100, 22, "NC9", 0.95f, valid: false), // a sign: greedy text, no valid plate reachable
            Read(600, 0, 100, 22, "34나5678", 0.3f),          // valid but unsure
        };

        var kept = verifier.Verify(readings, out var rejected);

        Assert.Equal(["12가3456"], kept.Select(k => k.Reading.Text));
        Assert.Equal(2, rejected);
    }

    [Fact]
    public void Of_overlapping_candidates_of_one_plate_the_most_confident_stays()
    {
        var verifier = new PlateCandidateVerifier(0.5);
        var readings = new[]
        {
            Read(100, 100, 120, 26, "12가3456", 0.7f),  // the glyph row's box
            Read(92, 96, 136, 34, "12가3456", 0.92f),   // the outline's box, containing it
            Read(500, 100, 120, 26, "56다7890", 0.8f),  // another car
        };

        var kept = verifier.Verify(readings, out var rejected);

        Assert.Equal([0.92f, 0.8f], kept.Select(k => k.Reading.Confidence));
        Assert.Equal(1, rejected);
    }

    [Fact]
    public void Nothing_in_nothing_out()
    {
        var kept = new PlateCandidateVerifier(0).Verify([], out var rejected);

        Assert.Empty(kept);
        Assert.Equal(0, rejected);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void A_confidence_outside_zero_to_one_is_refused(double minConfidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateCandidateVerifier(minConfidence));
}
