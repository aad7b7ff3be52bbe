using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lpr.EdgeAgent.Publishing.Status;
using Lpr.EdgeAgent.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>The retained status (online, stats, last will), Home Assistant discovery and the embedded broker.</summary>
public sealed class StatusAndDiscoveryTests : IAsyncLifetime
{
    private const string StatusTopic = "lpr/test-agent/status";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lpr-status-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string OutboxPath => Path.Combine(_directory.FullName, "outbox.db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string? State(string? statusJson) =>
        statusJson is null ? null : JsonDocument.Parse(statusJson).RootElement.GetProperty("state").GetString();

    [Fact]
    public async Task Status_is_retained_online_with_the_pipeline_figures_and_offline_after_a_clean_stop()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        var pipeline = new FixedStatusSource(new PipelineStatus
        {
            Cameras = [new CameraStatus("entrance", true, 12.5, 3, null), new CameraStatus("exit", false, 0, 0, "cannot open rtsp://cam2")],
            LatencyP50Ms = 41,
            LatencyP95Ms = 88,
            FramesDropped = 3,
            Model = "kr-plate-recognizer-int8.tflite",
            Backend = "managed",
        });
        var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath, ("Lpr:Mqtt:StatusInterval", "00:00:00.200")), Cancel,
            services => services.AddSingleton<IAgentStatusSource>(pipeline));
        await agent.PublishAsync(5, "entrance", Cancel);

        // A subscriber arriving later gets the retained status; the periodic refresh carries the figures.
        await using var late = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: StatusTopic);
        await TestSubscriber.WaitUntilAsync(
            () => late.LastPayload(StatusTopic) is { } s && JsonDocument.Parse(s).RootElement.GetProperty("eventsPublished").GetInt64() == 5,
            Patience, () => $"status was {late.LastPayload(StatusTopic)}", Cancel);
        using (var status = JsonDocument.Parse(late.LastPayload(StatusTopic)!))
        {
            var root = status.RootElement;
            Assert.Equal("online", root.GetProperty("state").GetString());
            Assert.Equal("test-agent", root.GetProperty("agentId").GetString());
            Assert.Equal(88, root.GetProperty("latencyP95Ms").GetDouble());
            Assert.Equal(0, root.GetProperty("outboxDepth").GetInt64());
            Assert.Equal("managed", root.GetProperty("backend").GetString());
            Assert.Equal("cannot open rtsp://cam2", root.GetProperty("cameras")[1].GetProperty("lastError").GetString());
            Assert.Equal(12.5, root.GetProperty("cameras")[0].GetProperty("fps").GetDouble());
            Assert.True(root.GetProperty("uptimeSeconds").GetDouble() >= 0);
        }

        await agent.StopAsync(Cancel);
        await agent.DisposeAsync();

        await TestSubscriber.WaitUntilAsync(() => State(late.LastPayload(StatusTopic)) == "offline", Patience,
            () => $"status after stop was {late.LastPayload(StatusTopic)}", Cancel);
    }

    [Fact]
    public async Task An_agent_that_vanishes_is_marked_offline_by_its_last_will()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var watcher = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: StatusTopic);
        var agent = await PublishingTestHost.StartAsync(PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath), Cancel);
        await TestSubscriber.WaitUntilAsync(() => State(watcher.LastPayload(StatusTopic)) == "online", Patience,
            () => $"status was {watcher.LastPayload(StatusTopic)}", Cancel);

        await agent.AbandonAsync(); // no DISCONNECT: the broker must publish the will

        await TestSubscriber.WaitUntilAsync(() => State(watcher.LastPayload(StatusTopic)) == "offline", Patience,
            () => $"status after the crash was {watcher.LastPayload(StatusTopic)}", Cancel);
    }

    [Fact]
    public async Task Home_assistant_discovery_announces_a_last_plate_sensor_per_camera()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath,
                ("Lpr:Mqtt:HomeAssistant:Enabled", "true"), ("Lpr:Cameras:0:Id", "entrance"), ("Lpr:Cameras:1:Id", "exit")), Cancel);

        await using var homeAssistant = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: "homeassistant/#");

        foreach (var camera in new[] { "entrance", "exit" })
        {
            var topic = $"homeassistant/sensor/lpr_test-agent/{camera}_plate/config";
            await TestSubscriber.WaitUntilAsync(() => homeAssistant.LastPayload(topic) is not null, Patience, () => $"no retained config on {topic}", Cancel);
            using var config = JsonDocument.Parse(homeAssistant.LastPayload(topic)!);
            Assert.Equal($"lpr/test-agent/{camera}/plate", config.RootElement.GetProperty("state_topic").GetString());
            Assert.Equal(StatusTopic, config.RootElement.GetProperty("availability_topic").GetString());
            Assert.Equal($"lpr_test-agent_{camera}_plate", config.RootElement.GetProperty("unique_id").GetString());
        }
    }

    [Fact]
    public async Task The_embedded_broker_serves_the_agent_and_local_consumers_on_loopback()
    {
        var port = FreeLoopbackPort();
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings("127.0.0.1", port, OutboxPath, ("Lpr:Mqtt:Embedded", "true"), ("Lpr:Mqtt:StatusInterval", "00:00:00.200")), Cancel);
        await using var consumer = await TestSubscriber.ConnectAsync("127.0.0.1", port, Cancel, filter: "lpr/#");

        var sent = await agent.PublishAsync(20, "entrance", Cancel);

        await TestSubscriber.WaitUntilAsync(() => consumer.DistinctCount == sent.Count, Patience,
            () => $"{consumer.DistinctCount}/{sent.Count} received from the embedded broker", Cancel);
        Assert.Equal(sent, consumer.EventIds);
        await TestSubscriber.WaitUntilAsync(() => State(consumer.LastPayload(StatusTopic)) == "online", Patience,
            () => $"status from the embedded broker was {consumer.LastPayload(StatusTopic)}", Cancel);
    }

    [Fact]
    public async Task An_embedded_broker_port_already_taken_fails_start_up_naming_the_key()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        using var host = PublishingTestHost.Build(PublishingTestHost.Settings("127.0.0.1", port, OutboxPath, ("Lpr:Mqtt:Embedded", "true")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Cancel));

        Assert.Contains("Lpr:Mqtt:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crop_over_the_cap_is_dropped_from_the_event_and_counted()
    {
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings("127.0.0.1", FreeLoopbackPort(), OutboxPath, ("Lpr:Mqtt:MaxCropBytes", "100")), Cancel);
        var time = TimeProvider.System;

        await agent.Sink.PublishAsync(TestEvents.Create(agent.Ids, time, "test-agent", "entrance", 1, crop: new string('A', 100)), Cancel);
        await agent.Sink.PublishAsync(TestEvents.Create(agent.Ids, time, "test-agent", "entrance", 2, crop: new string('A', 101)), Cancel);

        var stored = agent.Outbox.PeekOldest(10).Select(e => JsonDocument.Parse(e.Payload).RootElement.TryGetProperty("crop", out _)).ToList();
        Assert.Equal([true, false], stored);
        Assert.Equal(1, agent.Statistics.CropsDropped);
    }

    [Theory]
    [InlineData("entrance/left")]
    [InlineData("cam#1")]
    [InlineData("")]
    public async Task An_event_with_a_topic_unsafe_camera_id_is_refused_with_a_clear_error(string cameraId)
    {
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings("127.0.0.1", FreeLoopbackPort(), OutboxPath), Cancel);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await agent.Sink.PublishAsync(TestEvents.Create(agent.Ids, TimeProvider.System, "test-agent", cameraId, 1), Cancel));

        Assert.Contains("CameraId", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, agent.Outbox.Count);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FixedStatusSource(PipelineStatus status) : IAgentStatusSource
    {
        public PipelineStatus GetPipelineStatus() => status;
    }
}
