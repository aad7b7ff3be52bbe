using Lpr.Core.Imaging;
using Lpr.Core.Recognition;

namespace Lpr.Core.Tracking;

/// <summary>One plate followed across frames of one camera: its readings, last box and whether it was published.</summary>
internal sealed class PlateTrack(long id, PlateObservation first)
{
    private readonly List<PlateReading> _readings = [first.Reading];

    public long Id { get; } = id;

    public DateTimeOffset FirstSeen { get; } = first.CapturedAt;

    public DateTimeOffset LastSeen { get; private set; } = first.CapturedAt;

    public PixelRect LastBox { get; private set; } = first.Box;

    public PlateObservation Best { get; private set; } = first;

    public IReadOnlyList<PlateReading> Readings => _readings;

    public bool Published { get; set; }

    /// <summary>Consecutive frames of the camera that did not continue this track.</summary>
    public int MissedFrames { get; set; }

    /// <summary>Tokens of the current vote, cached until the next reading.</summary>
    public CharacterVote Vote { get; private set; } = CharacterVoter.Vote([first.Reading]);

    public void Add(PlateObservation observation)
    {
        MissedFrames = 0;
        _readings.Add(observation.Reading);
        if (observation.CapturedAt > LastSeen)
        {
            LastSeen = observation.CapturedAt;
            LastBox = observation.Box;
        }

        if (observation.Reading.Confidence > Best.Reading.Confidence)
        {
            Best = observation;
        }

        Vote = CharacterVoter.Vote(_readings);
    }
}
