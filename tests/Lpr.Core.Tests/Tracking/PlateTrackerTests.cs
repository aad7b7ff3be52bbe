using Lpr.Core.Imaging;
using Lpr.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.Core.Tests.Tracking;

public sealed class PlateTrackerTests
{
    private static readonly PixelRect Left = new(100, 400, 200, 50);
    private static readonly PixelRect Right = new(900, 400, 200, 50);
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private PlateTracker Tracker(Action<PlateTrackerOptions>? configure = null)
    {
        var options = new PlateTrackerOptions();
        configure?.Invoke(options);
        return new PlateTracker(options, _time);
    }

    /// <summary>Feeds one frame per text (null = no plate in that frame), moving the box right a little each frame.</summary>
    private List<PlatePass> Drive(PlateTracker tracker, params string?[] frames) => Drive(tracker, valid: true, frames);

    private List<PlatePass> Drive(PlateTracker tracker, bool valid, params string?[] frames)
    {
        var passes = new List<PlatePass>();
        var box = Left;
        foreach (var text in frames)
        {
            _time.Advance(Frame);
            box = box with { X = box.X + 10 };
            IReadOnlyList<PlateObservation> seen = text is null ? [] : [Readings.At(text, box, _time.GetUtcNow(), valid: valid)];
            passes.AddRange(tracker.Observe(_time.GetUtcNow(), seen));
        }

        return passes;
    }

    [Fact]
    public void A_pass_is_published_once_as_soon_as_enough_frames_agree_despite_a_misread()
    {
        var tracker = Tracker();

        var passes = Drive(tracker, "12가3456", "12가3458", "12가3456", "12가3456", "12가3456", "12가3456");
        _time.Advance(TimeSpan.FromSeconds(5));
        passes.AddRange(tracker.Expire());

        var pass = Assert.Single(passes);
        Assert.Equal("12가3456", pass.Text);
        Assert.Equal(PassTrigger.Agreement, pass.Trigger);
        Assert.Equal(4, pass.Frames);
        Assert.Equal(3, pass.Votes);
        Assert.True(pass.Valid);
        Assert.Equal(0, tracker.ActiveTracks);
    }

    [Fact]
    public void A_short_pass_is_published_when_its_track_times_out_on_the_clock()
    {
        var tracker = Tracker();

        var passes = Drive(tracker, "12가3456", "12가3456");
        Assert.Empty(passes);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(tracker.Expire());
        _time.Advance(TimeSpan.FromSeconds(1));

        var pass = Assert.Single(tracker.Expire());
        Assert.Equal(PassTrigger.TrackEnded, pass.Trigger);
        Assert.Equal(2, pass.Votes);
    }

    [Fact]
    public void A_pipeline_lagging_behind_its_camera_keeps_one_track_for_frames_captured_together()
    {
        // Frames captured 100 ms apart but read 1.2 s apart each (a slow device working through a queued recording):
        // between two readings the clock passes the track timeout since the first capture, yet the camera was not quiet.
        var tracker = Tracker(o => o.AgreeingFrames = 10);
        var captured = _time.GetUtcNow();
        var passes = new List<PlatePass>();
        for (var i = 0; i < 4; i++)
        {
            passes.AddRange(tracker.Expire());
            passes.AddRange(tracker.Observe(captured, [Readings.At(i == 0 ? "12가3458" : "12가3456", Left with { X = Left.X + (10 * i) }, captured)]));
            captured += Frame;
            _time.Advance(TimeSpan.FromSeconds(1.2));
            passes.AddRange(tracker.Expire());
        }

        Assert.Empty(passes);
        _time.Advance(TimeSpan.FromSeconds(1));
        var pass = Assert.Single(tracker.Expire()); // now the camera has been quiet for longer than the timeout
        Assert.Equal("12가3456", pass.Text);
        Assert.Equal(4, pass.Frames);
    }

    [Fact]
    public void The_same_plate_is_not_published_again_within_the_repeat_window_but_is_after_it()
    {
        var tracker = Tracker(o => o.RepeatWindow = TimeSpan.FromSeconds(30));

        Assert.Single(Drive(tracker, "12가3456", "12가3456", "12가3456"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Drive(tracker, "12가3456", "12가3456", "12가3456"));
        Assert.Equal(1, tracker.SuppressedRepeats);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Single(Drive(tracker, "12가3456", "12가3456", "12가3456"));
    }

    [Fact]
    public void Two_plates_in_the_same_frames_are_two_tracks()
    {
        var tracker = Tracker();
        var passes = new List<PlatePass>();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(Frame);
            var now = _time.GetUtcNow();
            passes.AddRange(tracker.Observe(now, [Readings.At("12가3456", Left, now), Readings.At("34나5678", Right, now)]));
        }

        Assert.Equal(["12가3456", "34나5678"], passes.Select(p => p.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_different_text_far_away_starts_a_new_track_even_when_similar()
    {
        var tracker = Tracker(o => o.AgreeingFrames = 100);
        var now = _time.GetUtcNow();
        tracker.Observe(now, [Readings.At("12가3456", Left, now)]);
        tracker.Observe(now, [Readings.At("12가3457", Right, now)]);

        Assert.Equal(2, tracker.ActiveTracks);
    }

    [Fact]
    public void Invalid_texts_are_dropped_and_counted_unless_configured_then_flagged()
    {
        var dropping = Tracker();
        Assert.Empty(Drive(dropping, valid: false, "12가34", "12가34", "12가34"));
        Assert.Equal(1, dropping.DroppedInvalid);

        var publishing = Tracker(o => o.PublishInvalid = true);
        var pass = Assert.Single(Drive(publishing, valid: false, "12가34", "12가34", "12가34"));
        Assert.False(pass.Valid);
        Assert.Equal("12가34", pass.Text);
    }

    [Fact]
    public void A_grammar_validator_decides_validity_when_given()
    {
        var tracker = new PlateTracker(new PlateTrackerOptions(), _time, text => text.StartsWith("12", StringComparison.Ordinal));

        var now = _time.GetUtcNow();
        var passes = tracker.Observe(now, [Readings.At("34나5678", Left, now, valid: true)]).Concat(tracker.Flush()).ToList();

        Assert.Empty(passes);
        Assert.Equal(1, tracker.DroppedInvalid);
    }

    [Fact]
    public void Flush_publishes_every_open_track_and_readings_below_the_minimum_confidence_are_ignored()
    {
        var tracker = Tracker(o => o.MinReadingConfidence = 0.5);
        var now = _time.GetUtcNow();
        tracker.Observe(now, [Readings.At("12가3456", Left, now), Readings.At("34나5678", Right, now, confidence: 0.2f)]);

        var pass = Assert.Single(tracker.Flush());
        Assert.Equal("12가3456", pass.Text);
        Assert.Equal(1, tracker.IgnoredReadings);
        Assert.Equal(0, tracker.ActiveTracks);
    }

    [Fact]
    public void The_best_observation_is_the_most_confident_one()
    {
        var tracker = Tracker(o => o.AgreeingFrames = 100);
        var now = _time.GetUtcNow();
        tracker.Observe(now, [Readings.At("12가3456", Left, now, 0.6f)]);
        tracker.Observe(now + Frame, [Readings.At("12가3456", Left with { X = 120 }, now + Frame, 0.95f)]);
        tracker.Observe(now + (2 * Frame), [Readings.At("12가3456", Left with { X = 140 }, now + (2 * Frame), 0.7f)]);

        var pass = Assert.Single(tracker.Flush());
        Assert.Equal(120, pass.Best.Box.X);
        Assert.Equal(now, pass.FirstSeen);
        Assert.Equal(now + (2 * Frame), pass.LastSeen);
    }

    [Fact]
    public void Empty_frames_end_a_track_so_the_next_car_at_the_same_place_with_a_similar_plate_is_its_own_pass()
    {
        var tracker = Tracker(o => o.MaxMissedFrames = 2);

        var passes = Drive(tracker, "12가3456", "12가3456", "12가3456", null, null, null, "12가3457", "12가3457", "12가3457");

        Assert.Equal(["12가3456", "12가3457"], passes.Select(p => p.Text));
    }

    [Fact]
    public void Without_empty_frames_in_between_a_similar_reading_continues_the_track()
    {
        var tracker = Tracker(o => o.MaxMissedFrames = 2);

        var passes = Drive(tracker, "12가3456", "12가3456", "12가3456", null, null, "12가3457", "12가3457", "12가3457");

        Assert.Equal(["12가3456"], passes.Select(p => p.Text));
    }
}
