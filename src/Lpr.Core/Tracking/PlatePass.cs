using Lpr.Core.Recognition;

namespace Lpr.Core.Tracking;

/// <summary>Why a pass was published.</summary>
public enum PassTrigger
{
    /// <summary>Enough frames agreed on the voted text before the track ended.</summary>
    Agreement,

    /// <summary>The vehicle left (no reading for the track timeout) or the input ended.</summary>
    TrackEnded,
}

/// <summary>
/// The decision for one vehicle pass: the voted text with per-character confidences, how many
/// frames contributed and agreed, and the best observation (box, capture time, crop) of the track.
/// </summary>
public sealed record PlatePass(
    long TrackId,
    string Text,
    bool Valid,
    double Confidence,
    IReadOnlyList<CharacterConfidence> Characters,
    int Frames,
    int Votes,
    PlateObservation Best,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    PassTrigger Trigger);
