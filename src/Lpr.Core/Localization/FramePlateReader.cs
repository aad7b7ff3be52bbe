using Lpr.Core.Imaging;
using Lpr.Core.Recognition;

namespace Lpr.Core.Localization;

/// <summary>
/// Reads the plates of one whole frame: locate, read every candidate's crop, and, when there is a verifier,
/// keep only the candidates it accepts (<see cref="PlateCandidateVerifier"/>). Without one every candidate is a
/// plate: a locator that does not propose (a fixed region) boxes the plate by configuration, not by guess.
/// The agent's workers and <c>lpr read</c> / <c>lpr eval-detect --recognizer</c> share it, so what the tool
/// counts as a plate is what the agent would publish. Not thread-safe (the locator and recognizer are not).
/// </summary>
public sealed class FramePlateReader
{
    private readonly IPlateLocator _locator;
    private readonly IPlateRecognizer _recognizer;
    private readonly PlateCandidateVerifier? _verifier;

    /// <param name="locator">Finds the candidates.</param>
    /// <param name="recognizer">Reads each candidate's crop.</param>
    /// <param name="verifier">Decides which candidates are plates; null when the locator's candidates all are.</param>
    public FramePlateReader(IPlateLocator locator, IPlateRecognizer recognizer, PlateCandidateVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(recognizer);
        _locator = locator;
        _recognizer = recognizer;
        _verifier = verifier;
    }

    /// <summary>
    /// The plates of <paramref name="frame"/>: with a verifier the accepted ones, most confident first, and the
    /// count of the rest; without one every candidate, in the locator's order.
    /// </summary>
    public FramePlates Read(PixelImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var readings = new List<(PlateCandidate Candidate, PlateReading Reading)>();
        foreach (var candidate in _locator.Locate(frame))
        {
            readings.Add((candidate, _recognizer.Recognize(candidate.Crop)));
        }

        if (_verifier is null)
        {
            return new FramePlates(readings, 0);
        }

        var accepted = _verifier.Verify(readings, out var rejected);
        return new FramePlates(accepted, rejected);
    }
}

/// <summary>What <see cref="FramePlateReader"/> found in one frame: the plates with their readings, and how many candidates the verifier rejected.</summary>
public sealed record FramePlates(IReadOnlyList<(PlateCandidate Candidate, PlateReading Reading)> Plates, int Rejected)
{
    /// <summary>Candidates the locator proposed: the plates and the rejected ones.</summary>
    public int Candidates => Plates.Count + Rejected;
}
