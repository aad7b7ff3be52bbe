using Lpr.Core.Imaging;

namespace Lpr.Core.Tracking;

/// <summary>
/// Follows plates across the frames of ONE camera and decides when a vehicle pass is published:
/// after <see cref="PlateTrackerOptions.AgreeingFrames"/> frames read the voted text, or when the track
/// ends (no reading for the timeout, or for <see cref="PlateTrackerOptions.MaxMissedFrames"/> frames), whichever comes first — once per pass, and not again for the same text within the repeat window.
/// Track timing uses the frames' capture times; <see cref="Expire"/> advances that stream clock by the time the
/// camera has been quiet on the injected clock, so a camera that stops delivering still ends its tracks, while a
/// pipeline that lags behind its camera (a slow device working through queued frames) does not end a track between
/// two frames that were captured close together. Not thread-safe: the agent's vote stage owns it.
/// </summary>
public sealed class PlateTracker
{
    private readonly PlateTrackerOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<string, bool>? _isValidPlate;
    private readonly RepeatSuppressor _repeats;
    private readonly List<PlateTrack> _tracks = [];
    private long _nextTrackId = 1;
    private DateTimeOffset? _lastCapturedAt;
    private DateTimeOffset _lastObservedAt;

    /// <param name="isValidPlate">
    /// The plate grammar's verdict on a voted text. Without it a voted text is valid when a reading that
    /// said exactly that text was valid (a vote composed from several readings is then invalid).
    /// </param>
    public PlateTracker(PlateTrackerOptions options, TimeProvider time, Func<string, bool>? isValidPlate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _isValidPlate = isValidPlate;
        _repeats = new RepeatSuppressor(options.RepeatWindow);
    }

    public int ActiveTracks => _tracks.Count;

    /// <summary>Passes not published because the same text was published within the repeat window.</summary>
    public long SuppressedRepeats { get; private set; }

    /// <summary>Passes not published because their voted text is not a valid plate and invalid texts are not wanted.</summary>
    public long DroppedInvalid { get; private set; }

    /// <summary>Readings ignored for being below the minimum confidence or empty.</summary>
    public long IgnoredReadings { get; private set; }

    /// <summary>
    /// Adds the readings of one frame (possibly none) and returns the passes decided by it: tracks that
    /// reached agreement, and tracks that ended before this frame's capture time.
    /// </summary>
    public IReadOnlyList<PlatePass> Observe(DateTimeOffset capturedAt, IReadOnlyList<PlateObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var passes = new List<PlatePass>();
        if (_lastCapturedAt is not { } last || capturedAt > last)
        {
            _lastCapturedAt = capturedAt;
        }

        _lastObservedAt = _time.GetUtcNow();
        EndTracks(capturedAt, passes);

        var claimed = new HashSet<PlateTrack>();
        foreach (var observation in observations.OrderByDescending(o => o.Reading.Confidence))
        {
            var tokens = observation.Reading.Characters;
            if (tokens.Count == 0 || observation.Reading.Confidence < _options.MinReadingConfidence)
            {
                IgnoredReadings++;
                continue;
            }

            var track = FindTrack(observation, claimed);
            if (track is null)
            {
                track = new PlateTrack(_nextTrackId++, observation);
                _tracks.Add(track);
            }
            else
            {
                track.Add(observation);
            }

            claimed.Add(track);
            if (!track.Published && track.Vote.Votes >= _options.AgreeingFrames)
            {
                Decide(track, PassTrigger.Agreement, passes);
            }
        }

        EndMissedTracks(claimed, passes);
        return passes;
    }

    /// <summary>
    /// Ends the tracks that saw no reading for the track timeout: measured from the newest frame's capture time plus
    /// how long (on the injected clock) no frame has arrived since.
    /// </summary>
    public IReadOnlyList<PlatePass> Expire()
    {
        var passes = new List<PlatePass>();
        var now = _time.GetUtcNow();
        EndTracks(_lastCapturedAt is { } last ? last + (now - _lastObservedAt) : now, passes);
        return passes;
    }

    /// <summary>Ends every track now (the input ended or the agent stops).</summary>
    public IReadOnlyList<PlatePass> Flush()
    {
        var passes = new List<PlatePass>();
        foreach (var track in _tracks)
        {
            Decide(track, PassTrigger.TrackEnded, passes);
        }

        _tracks.Clear();
        return passes;
    }

    private void EndTracks(DateTimeOffset now, List<PlatePass> passes)
    {
        for (var i = _tracks.Count - 1; i >= 0; i--)
        {
            if (now - _tracks[i].LastSeen > _options.TrackTimeout)
            {
                Decide(_tracks[i], PassTrigger.TrackEnded, passes);
                _tracks.RemoveAt(i);
            }
        }

        passes.Sort((a, b) => a.TrackId.CompareTo(b.TrackId));
    }

    private void EndMissedTracks(HashSet<PlateTrack> claimed, List<PlatePass> passes)
    {
        for (var i = _tracks.Count - 1; i >= 0; i--)
        {
            var track = _tracks[i];
            if (!claimed.Contains(track) && ++track.MissedFrames > _options.MaxMissedFrames)
            {
                Decide(track, PassTrigger.TrackEnded, passes);
                _tracks.RemoveAt(i);
            }
        }
    }

    private PlateTrack? FindTrack(PlateObservation observation, HashSet<PlateTrack> claimed)
    {
        PlateTrack? best = null;
        var bestScore = double.NegativeInfinity;
        var tokens = observation.Reading.Characters.Select(c => c.Token).ToList();
        foreach (var track in _tracks)
        {
            if (claimed.Contains(track))
            {
                continue;
            }

            var voted = track.Vote.Characters.Select(c => c.Token).ToList();
            var distance = TokenDistance.Between(tokens, voted);
            var sameText = distance == 0;
            var iou = track.LastBox.IntersectionOverUnion(observation.Box);
            var near = iou >= _options.IouThreshold || CenterShift(track.LastBox, observation.Box) <= _options.MaxCenterShift;

            // Position alone is not enough (two cars side by side), nor is similar text far away; the
            // exact same text anywhere in the frame is the same plate (a fast car at a low frame rate).
            if (!(sameText || (near && distance <= _options.MaxTextDistance)))
            {
                continue;
            }

            var score = iou - ((double)distance / Math.Max(1, Math.Max(tokens.Count, voted.Count)));
            if (score > bestScore)
            {
                best = track;
                bestScore = score;
            }
        }

        return best;
    }

    private static double CenterShift(PixelRect a, PixelRect b)
    {
        var dx = (a.X + (a.Width / 2.0)) - (b.X + (b.Width / 2.0));
        var dy = (a.Y + (a.Height / 2.0)) - (b.Y + (b.Height / 2.0));
        return Math.Sqrt((dx * dx) + (dy * dy)) / Math.Max(1, Math.Max(a.Width, b.Width));
    }

    private void Decide(PlateTrack track, PassTrigger trigger, List<PlatePass> passes)
    {
        if (track.Published)
        {
            return;
        }

        track.Published = true;
        if (trigger == PassTrigger.TrackEnded && track.Readings.Count < _options.MinFrames)
        {
            return;
        }

        var vote = track.Vote;
        if (vote.Text.Length == 0)
        {
            return;
        }

        var valid = _isValidPlate?.Invoke(vote.Text)
            ?? track.Readings.Any(r => r.Valid && string.Equals(CharacterVoter.Concatenate(r), vote.Text, StringComparison.Ordinal));
        if (!valid && !_options.PublishInvalid)
        {
            DroppedInvalid++;
            return;
        }

        if (!_repeats.TryAccept(vote.Text, track.LastSeen))
        {
            SuppressedRepeats++;
            return;
        }

        passes.Add(new PlatePass(
            track.Id, vote.Text, valid, vote.Confidence, vote.Characters, track.Readings.Count, vote.Votes,
            track.Best, track.FirstSeen, track.LastSeen, trigger));
    }
}
