using System.Text.Json;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Tests.Fixtures;
using Lpr.EdgeAgent.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lpr.EdgeAgent.Tests.EndToEnd;

/// <summary>
/// The whole agent host (capture → recognize → vote → outbox → MQTT) against a real mosquitto, with an
/// image-folder camera and the scripted test recognizer (no trained model exists yet).
/// </summary>
public sealed class AgentEndToEndTests(MosquittoFixture broker) : IClassFixture<MosquittoFixture>
{
    private static readonly Dictionary<byte, string> Script = new()
    {
        [40] = "12가3456",
        [80] = "123나4567",
        [120] = "서울12바3456",
    };

    [Fact]
    public async Task Each_passing_plate_is_published_exactly_once_with_its_fields_and_known_match()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scenes = new SceneFolder();
        scenes.Add(40, 5);   // car 1 passes
        scenes.Add(0, 7);    // empty road: more than Lpr:Tracking:MaxMissedFrames, the track ends
        scenes.Add(80, 4);   // car 2
        scenes.Add(0, 7);
        scenes.Add(120, 2);  // car 3, too short for agreement: published when its track ends
        scenes.Add(0, 7);
        scenes.Add(40, 3);   // car 1 again within the repeat window: suppressed
        using var run = new AgentRun(broker.Port)
            .Camera(0, "gate", scenes.Path)
            .Set("Lpr:Pipeline:ExitWhenInputEnds", "true")
            .Set("Lpr:KnownPlates:Plates:0:Plate", "12가3456")
            .Set("Lpr:KnownPlates:Plates:0:Name", "Kim")
            .Set("Lpr:KnownPlates:Plates:0:Tags:0", "residents");
        await using var collector = await PlateCollector.ConnectAsync(broker.Host, broker.Port, ct);
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, AgentRun.WithRecognizer(Script), ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
        await collector.WaitForAsync(3, TimeSpan.FromSeconds(10), ct);
        await Task.Delay(300, ct); // would a duplicate still arrive?

        Assert.True(exitCode == 0, error.ToString());
        var events = collector.Events;
        Assert.Equal(["123나4567", "12가3456", "서울12바3456"], events.Select(e => e.GetProperty("plate").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(3, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        var kim = events.Single(e => e.GetProperty("plate").GetString() == "12가3456");
        Assert.Equal("test-agent", kim.GetProperty("agentId").GetString());
        Assert.Equal("gate", kim.GetProperty("cameraId").GetString());
        Assert.True(kim.GetProperty("valid").GetBoolean());
        Assert.Equal("Kim", kim.GetProperty("known").GetProperty("name").GetString());
        Assert.Equal(0, kim.GetProperty("known").GetProperty("distance").GetInt32());
        Assert.Equal("scripted-test-recognizer", kim.GetProperty("model").GetString());
        Assert.Equal(64, kim.GetProperty("bbox").GetProperty("width").GetInt32());
        Assert.Equal(kim.GetProperty("frames").GetInt32(), kim.GetProperty("votes").GetInt32()); // every frame read the same text; some may have been dropped under load at start
        var regional = events.Single(e => e.GetProperty("plate").GetString() == "서울12바3456");
        Assert.Equal("서울", regional.GetProperty("region").GetString());
        Assert.Equal(JsonValueKind.Null, regional.GetProperty("known").ValueKind);
    }

    [Fact]
    public async Task A_missing_camera_and_an_unreadable_video_are_reported_while_the_other_camera_keeps_publishing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scenes = new SceneFolder();
        scenes.Add(80, 4);
        using var run = new AgentRun(broker.Port);
        var corrupt = Path.Combine(run.Directory, "corrupt.mp4");
        await File.WriteAllBytesAsync(corrupt, [.. Enumerable.Range(0, 2048).Select(i => (byte)(i * 13))], ct);
        run.Camera(0, "good", scenes.Path)
            .Camera(1, "unplugged", "/dev/video97")
            .Camera(2, "broken", corrupt);
        await using var collector = await PlateCollector.ConnectAsync(broker.Host, broker.Port, ct);
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var statistics = host.Services.GetRequiredService<PipelineStatistics>();

        await host.StartAsync(ct);
        try
        {
            await collector.WaitForAsync(1, TimeSpan.FromSeconds(20), ct);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline
                && (statistics.Cameras.Count(c => c.FramesCaptured == 0 && c.LastError is not null && c.State == CameraState.Down) < 2
                    || statistics.Camera("good").State != CameraState.Ended))
            {
                await Task.Delay(50, ct);
            }

            var unplugged = statistics.Camera("unplugged");
            var broken = statistics.Camera("broken");
            Assert.Equal(CameraState.Down, unplugged.State);
            Assert.Contains("/dev/video97", unplugged.LastError, StringComparison.Ordinal);
            Assert.Contains("does not exist", unplugged.LastError, StringComparison.Ordinal);
            Assert.Equal(CameraState.Down, broken.State);
            Assert.Contains("corrupt.mp4", broken.LastError, StringComparison.Ordinal);
            Assert.Contains("cannot be opened", broken.LastError, StringComparison.Ordinal);
            Assert.Equal("123나4567", Assert.Single(collector.Events).GetProperty("plate").GetString());
            Assert.Equal(CameraState.Ended, statistics.Camera("good").State);
            Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
            var status = statistics.GetPipelineStatus();
            Assert.Contains(status.Cameras, c => c.Id == "unplugged" && !c.Connected && c.LastError!.Contains("/dev/video97", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_corrupt_model_stops_the_agent_with_exit_code_1()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scenes = new SceneFolder();
        scenes.Add(40, 1);
        using var run = new AgentRun(broker.Port).Camera(0, "gate", scenes.Path, watch: true);
        using var error = new StringWriter();

        // The product factory on a one-byte "model": it cannot be loaded, and the agent says so instead of reading nothing.
        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(1, exitCode);
    }
}
