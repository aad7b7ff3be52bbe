namespace Lpr.Core.Tracking;

/// <summary>
/// How readings of successive frames are joined into one vehicle pass and when that pass is published.
/// Bound from <c>Lpr:Tracking</c> by the agent; the defaults suit a gate camera at 10–30 fps.
/// </summary>
public sealed class PlateTrackerOptions
{
    /// <summary>Minimum box overlap (intersection over union) for a reading to continue a track.</summary>
    public double IouThreshold { get; set; } = 0.3;

    /// <summary>
    /// A reading whose box does not overlap enough still continues a track when its centre moved by at
    /// most this many box widths (a fast vehicle at a low frame rate).
    /// </summary>
    public double MaxCenterShift { get; set; } = 1.5;

    /// <summary>Largest token edit distance between a reading and a track's text for them to be the same plate.</summary>
    public int MaxTextDistance { get; set; } = 2;

    /// <summary>A track without a reading for this long has ended (the vehicle left).</summary>
    public TimeSpan TrackTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// A track also ends after this many consecutive frames of its camera without a reading of it — with a
    /// fixed plate region every car has the same box, so only the empty frames between cars separate them.
    /// </summary>
    public int MaxMissedFrames { get; set; } = 5;

    /// <summary>Publish as soon as this many frames read exactly the voted text, without waiting for the track to end.</summary>
    public int AgreeingFrames { get; set; } = 3;

    /// <summary>A track that ends with fewer frames than this is treated as noise and not published.</summary>
    public int MinFrames { get; set; } = 1;

    /// <summary>The same plate on the same camera is not published again within this window.</summary>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Publish voted texts that do not follow the plate grammar (flagged as invalid) instead of dropping them.</summary>
    public bool PublishInvalid { get; set; }

    /// <summary>Readings below this confidence are ignored (they neither start nor feed a track).</summary>
    public double MinReadingConfidence { get; set; }
}
