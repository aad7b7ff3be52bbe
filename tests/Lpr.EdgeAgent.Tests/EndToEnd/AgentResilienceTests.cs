using System.Diagnostics;
using System.Text.Json;
using Lpr.Core.Plates;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Outbox;
using Lpr.EdgeAgent.Tests.Fixtures;
using Lpr.EdgeAgent.Tests.Pipeline;
using Lpr.EdgeAgent.Tests.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lpr.EdgeAgent.Tests.EndToEnd;

/// <summary>
/// The whole agent (capture → recognize → vote → outbox → MQTT) when its surroundings fail mid-run: the broker
/// stopped and restarted on the same port, and the agent process itself killed with SIGKILL and started again on its
/// outbox. Each test has its own mosquitto (so it can be stopped) and a subscriber with a persistent session (so
/// what the broker queued for it across its own restart still reaches it); cameras are image folders of passing
/// cars read by the scripted test recognizer. Loopback only; each test takes seconds.
/// </summary>
public sealed class AgentResilienceTests
{
    private const string ChildArgsVariable = "LPR_TEST_WHOLE_AGENT_ARGS";
    private const string ChildAcceptedVariable = "LPR_TEST_WHOLE_AGENT_ACCEPTED";
    private const double Fps = 25;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    /// <summary>Twelve different plates, each at its own gray level (level 0 is the empty road).</summary>
    private static readonly string[] Plates =
        ["12가3456", "123나4567", "34다5678", "56라7890", "78마1234", "90거2345", "11너3456", "22더4567", "33러5678", "44머6789", "55버7890", "66서8901"];

    private static readonly Dictionary<byte, string> Script = Plates.Select((plate, i) => (Level: (byte)(20 + (15 * i)), plate)).ToDictionary(p => p.Level, p => p.plate);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ITestOutputHelper? Output => TestContext.Current.TestOutputHelper;

    [Fact]
    public void The_scripted_plates_are_valid_and_distinct()
    {
        Assert.All(Plates, plate => Assert.True(PlateGrammar.IsValid(plate), plate));
        Assert.Equal(Plates.Length, Plates.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_plate_arrives_exactly_once_when_the_broker_is_stopped_mid_run_and_restarted()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: "lpr/+/+/plate");
        var expected = Plates[..10];
        using var scenes = Cars(expected); // 13 frames a car at 25 fps: about 5 s of traffic
        using var run = Run(broker, scenes);
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var outbox = host.Services.GetRequiredService<SqliteOutbox>();
        var pipeline = host.Services.GetRequiredService<PipelineStatistics>();
        var publishing = host.Services.GetRequiredService<PublishingStatistics>();

        await host.StartAsync(Cancel);
        try
        {
            await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount >= 2, Patience, () => $"{subscriber.DistinctCount} events before the outage", Cancel);

            await broker.StopAsync(Cancel);
            var decidedAtStop = pipeline.EventsDecided;
            var deliveredBeforeOutage = subscriber.DistinctCount;
            long mostWaiting = 0;
            for (var outage = Stopwatch.StartNew(); outage.Elapsed < Outage;)
            {
                mostWaiting = Math.Max(mostWaiting, outbox.Count);
                await Task.Delay(50, Cancel);
            }

            var decidedDuringOutage = pipeline.EventsDecided - decidedAtStop;
            await broker.StartAsync(Cancel);

            await TestSubscriber.WaitUntilAsync(
                () => pipeline.Camera("gate").State == CameraState.Ended && expected.All(ReceivedPlates(subscriber).Contains),
                Patience,
                () => $"camera {pipeline.Camera("gate").State}; missing {string.Join(", ", expected.Except(ReceivedPlates(subscriber)))}; {outbox.Count} in the outbox",
                Cancel);
            await TestSubscriber.WaitUntilAsync(() => outbox.Count == 0, Patience, () => $"{outbox.Count} still in the outbox", Cancel);
            await Task.Delay(300, Cancel); // would a second event for a plate still arrive?

            var plates = subscriber.PlateByEventId;
            Assert.True(decidedDuringOutage >= 1 && mostWaiting >= 1,
                $"the outage held nothing back ({decidedDuringOutage} decided during it, at most {mostWaiting} waiting)");
            Assert.Equal(expected.Order(StringComparer.Ordinal), plates.Values.Order(StringComparer.Ordinal)); // each plate under exactly one eventId
            Assert.Equal(expected.Length, pipeline.EventsDecided);
            Assert.Equal(0, outbox.Count);
            Assert.True(publishing.Connections >= 2, "the agent never reconnected");
            Output?.WriteLine(
                $"broker outage ({Outage.TotalSeconds:0} s) in a whole-agent run: {pipeline.EventsDecided} events decided, {deliveredBeforeOutage} delivered before the outage, " +
                $"{decidedDuringOutage} decided during it (at most {mostWaiting} waiting in the outbox); subscriber received {subscriber.EventIds.Count} messages, " +
                $"{plates.Count} distinct events for {plates.Values.Distinct(StringComparer.Ordinal).Count()} plates ({subscriber.EventIds.Count - plates.Count} redelivered), " +
                $"{publishing.ConnectFailures} failed connection attempts; outbox empty at the end");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Events_a_whole_agent_stored_before_a_SIGKILL_are_delivered_by_the_restarted_agent()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: "lpr/+/+/plate");
        using var before = Cars(Plates[..8]);
        using var after = Cars(Plates[10..]); // the cars the camera sees once the agent is back
        using var run = Run(broker, before);
        var acceptedFile = Path.Combine(run.Directory, "accepted.txt");
        var outboxPath = Path.Combine(run.Directory, "outbox.db");

        using var child = StartChild(run.Args, acceptedFile);
        int deliveredBeforeOutage;
        int acceptedAtOutage;
        try
        {
            await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount >= 2, Patience,
                () => $"child accepted {AcceptedEventLog.Read(acceptedFile).Count}, subscriber got {subscriber.DistinctCount}; child exited: {child.HasExited}", Cancel);

            // Take the broker away so that the next events wait in the child's outbox, then kill the child.
            await broker.StopAsync(Cancel);
            deliveredBeforeOutage = subscriber.DistinctCount;
            acceptedAtOutage = AcceptedEventLog.Read(acceptedFile).Count;
            await TestSubscriber.WaitUntilAsync(() => AcceptedEventLog.Read(acceptedFile).Count >= acceptedAtOutage + 3, Patience,
                () => $"child accepted {AcceptedEventLog.Read(acceptedFile).Count - acceptedAtOutage} during the outage; child exited: {child.HasExited}", Cancel);
        }
        finally
        {
            child.Kill(); // SIGKILL: no stop, no flush, no DISCONNECT; the open tracks and queued frames are gone
            await child.WaitForExitAsync(Cancel);
        }

        var accepted = AcceptedEventLog.Read(acceptedFile);
        long waitingAfterKill;
        using (var left = new SqliteOutbox(new OutboxOptions { Path = outboxPath }, TimeProvider.System, NullLogger<SqliteOutbox>.Instance))
        {
            waitingAfterKill = left.Count;
        }

        await broker.StartAsync(Cancel);
        run.Camera(0, "gate", after.Path, maxFps: Fps); // the same agent and outbox, started again by systemd
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var outbox = host.Services.GetRequiredService<SqliteOutbox>();
        await host.StartAsync(Cancel);
        try
        {
            await TestSubscriber.WaitUntilAsync(
                () => accepted.Keys.All(subscriber.EventIds.Contains) && Plates[10..].All(ReceivedPlates(subscriber).Contains),
                Patience,
                () => $"{accepted.Keys.Except(subscriber.EventIds).Count()} of {accepted.Count} accepted events never arrived; received plates: {string.Join(", ", ReceivedPlates(subscriber))}",
                Cancel);
            await TestSubscriber.WaitUntilAsync(() => outbox.Count == 0, Patience, () => $"{outbox.Count} still in the outbox", Cancel);
            await Task.Delay(300, Cancel);

            var plates = subscriber.PlateByEventId;
            Assert.True(waitingAfterKill >= 3, $"only {waitingAfterKill} events were waiting in the outbox after the kill");
            Assert.All(accepted, a => Assert.Equal(a.Value, plates[a.Key]));
            Assert.Equal(plates.Count, plates.Values.Distinct(StringComparer.Ordinal).Count()); // no plate under two eventIds
            Assert.Subset(Plates.ToHashSet(StringComparer.Ordinal), plates.Values.ToHashSet(StringComparer.Ordinal));
            Assert.Equal(0, outbox.Count);
            Output?.WriteLine(
                $"kill -9 of the whole agent: child accepted {accepted.Count} events ({acceptedAtOutage} before the broker outage), {deliveredBeforeOutage} delivered before it, " +
                $"{waitingAfterKill} waiting in the outbox after the kill; the restarted agent delivered them and {Plates[10..].Length} new plates; " +
                $"subscriber received {subscriber.EventIds.Count} messages, {plates.Count} distinct events for {plates.Values.Distinct(StringComparer.Ordinal).Count()} plates " +
                $"({subscriber.EventIds.Count - plates.Count} redelivered), 0 accepted events lost, outbox empty at the end");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The child: the whole agent (the same host as production, the scripted recognizer) on the parent's arguments, until it is killed.</summary>
    [Fact(Explicit = true)]
    public async Task Child_whole_agent_process()
    {
        var args = JsonSerializer.Deserialize<string[]>(Environment.GetEnvironmentVariable(ChildArgsVariable)!)!;
        var acceptedFile = Environment.GetEnvironmentVariable(ChildAcceptedVariable)!;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        lifetime.CancelAfter(Patience); // bounded, should the parent die without killing it
        using var error = new StringWriter();

        await AgentHost.RunAsync(args, error, builder =>
        {
            AgentRun.WithRecognizer(Script)(builder);
            AcceptedEventLog.Register(builder.Services, acceptedFile);
        }, lifetime.Token);
    }

    /// <summary>An agent run for these tests: one folder camera, quick reconnects, and a frame queue deep enough that this loaded machine drops no frame (dropping is not what is tested here).</summary>
    private static AgentRun Run(MosquittoFixture broker, SceneFolder scenes) =>
        new AgentRun(broker.Port)
            .Camera(0, "gate", scenes.Path, maxFps: Fps)
            .FastReconnect()
            .Set("Lpr:Pipeline:FrameQueueCapacity", "64");

    /// <summary>One car per plate: 6 frames with the plate (published after 3 agreeing), then 7 of empty road (the track ends).</summary>
    private static SceneFolder Cars(IEnumerable<string> plates)
    {
        var scenes = new SceneFolder();
        foreach (var plate in plates)
        {
            scenes.Add(Script.Single(s => s.Value == plate).Key, 6);
            scenes.Add(0, 7);
        }

        return scenes;
    }

    private static HashSet<string> ReceivedPlates(TestSubscriber subscriber) => [.. subscriber.PlateByEventId.Values];

    private static Process StartChild(string[] args, string acceptedFile) =>
        ChildTestProcess.Start(typeof(AgentResilienceTests), nameof(Child_whole_agent_process), new Dictionary<string, string>
        {
            [ChildArgsVariable] = JsonSerializer.Serialize(args),
            [ChildAcceptedVariable] = acceptedFile,
        });
}
