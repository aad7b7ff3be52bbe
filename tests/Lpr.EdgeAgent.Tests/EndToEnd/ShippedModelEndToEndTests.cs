using Lpr.EdgeAgent.Tests.Fixtures;
using Lpr.EdgeAgent.Tests.Pipeline;
using Lpr.Testing;

namespace Lpr.EdgeAgent.Tests.EndToEnd;

/// <summary>
/// The product as shipped, on the bundled sample clip: the real recognizer (managed backend), the learned locator
/// (the shipped detector), verified by the recognizer, tracking and voting, the outbox, and a
/// real mosquitto. Every vehicle of the clip is published exactly once with the plate the generator drew; the clip
/// is a recording, so no frame is dropped however loaded the test machine is.
/// </summary>
public sealed class ShippedModelEndToEndTests(MosquittoFixture broker) : IClassFixture<MosquittoFixture>
{
    private static readonly string Model = RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite");
    private static readonly string Scenes = RepoPaths.Combine("samples", "scenes");

    // The classical locator is not held to this: on the second car of the clip its box takes in the plate holder, and
    // the recognizer then reads 어 as 마 (lpr read --locator classical samples/scenes/frame_0004.jpg).
    [Theory]
    [InlineData("learned")]
    public async Task The_sample_clip_publishes_each_passing_plate_exactly_once(string locator)
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = File.ReadAllLines(Path.Combine(Scenes, "labels.tsv"))
            .Select(line => line.Split('\t')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        using var run = new AgentRun(broker.Port)
            .Set("Lpr:Recognizer:Model", Model)
            .Set("Lpr:Recognizer:Backend", "managed")
            .Set("Lpr:Cameras:0:Id", "sample")
            .Set("Lpr:Cameras:0:Source", Scenes)
            .Set("Lpr:Cameras:0:MaxFps", "10")
            .Set("Lpr:Cameras:0:WatchFolder", "false")
            .Set("Lpr:Cameras:0:Locator", locator)
            .Set("Lpr:Locator:Model", RepoPaths.Combine("models", "kr-plate-detector-int8.tflite"))
            .Set("Lpr:Pipeline:ExitWhenInputEnds", "true");
        await using var collector = await PlateCollector.ConnectAsync(broker.Host, broker.Port, ct);
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
        await collector.WaitForAsync(expected.Count, TimeSpan.FromSeconds(10), ct);
        await Task.Delay(300, ct); // would a duplicate still arrive?

        Assert.True(exitCode == 0, error.ToString());
        var events = collector.Events;
        Assert.Equal(expected, events.Select(e => e.GetProperty("plate").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.All(events, e =>
        {
            Assert.True(e.GetProperty("valid").GetBoolean());
            Assert.Equal("kr-plate-recognizer-int8.tflite", e.GetProperty("model").GetString());
            Assert.Equal("managed", e.GetProperty("backend").GetString());
            Assert.InRange(e.GetProperty("bbox").GetProperty("width").GetInt32(), 60, 400);
        });
    }
}
