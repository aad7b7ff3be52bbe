using Lpr.Core.Recognition;

namespace Lpr.Core.Localization;

/// <summary>
/// The recognizer as the locator's verifier. Proposing locators err on the side of recall (a bumper sticker, a
/// sign, a grille all look a little like a plate); reading each candidate settles it: a candidate is a plate
/// only if its grammar-constrained reading is a valid plate with enough confidence. Of accepted candidates that
/// overlap (two cues boxing the same plate a little differently), only the most confident stays, so one plate
/// in one frame is one observation.
/// </summary>
public sealed class PlateCandidateVerifier
{
    // Boxes of the same plate from different cues differ in margin (one contains the other) more than they shift.
    private const double SamePlateContainment = 0.6;
    private const double SamePlateIou = 0.3;

    private readonly double _minConfidence;

    public PlateCandidateVerifier(double minConfidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minConfidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minConfidence, 1);
        _minConfidence = minConfidence;
    }

    /// <summary>Whether one reading passes on its own: a valid plate at or above the minimum confidence.</summary>
    public bool Accepts(PlateReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Valid && reading.Text.Length > 0 && reading.Confidence >= _minConfidence;
    }

    /// <summary>
    /// The accepted candidates of one frame, most confident first, overlapping duplicates removed; the rest are
    /// counted in <paramref name="rejected"/>.
    /// </summary>
    public IReadOnlyList<(PlateCandidate Candidate, PlateReading Reading)> Verify(IReadOnlyList<(PlateCandidate Candidate, PlateReading Reading)> readings, out int rejected)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var kept = new List<(PlateCandidate Candidate, PlateReading Reading)>();
        foreach (var item in readings.Where(r => Accepts(r.Reading)).OrderByDescending(r => r.Reading.Confidence))
        {
            var box = item.Candidate.Box;
            if (kept.TrueForAll(k => k.Candidate.Box.IntersectionOverUnion(box) <= SamePlateIou && k.Candidate.Box.Containment(box) < SamePlateContainment))
            {
                kept.Add(item);
            }
        }

        rejected = readings.Count - kept.Count;
        return kept;
    }
}
