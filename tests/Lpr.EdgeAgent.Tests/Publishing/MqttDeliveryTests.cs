using System.Text.Json;
using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>Delivery against a real mosquitto: all events arrive, in order, across broker and agent failures.</summary>
public sealed class MqttDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lpr-publish-");
    private readonly ITestOutputHelper _output = TestContext.Current.TestOutputHelper!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string OutboxPath => Path.Combine(_directory.FullName, "outbox.db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_event_arrives_once_in_order_and_leaves_the_outbox()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel);
        var observed = new CountingObserver();
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath), Cancel,
            services => services.AddSingleton<IPublishedEventObserver>(observed));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = await agent.PublishAsync(200, "entrance", Cancel);
        var accepted = clock.Elapsed;

        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount == sent.Count, Patience,
            () => $"{subscriber.DistinctCount}/{sent.Count} received", Cancel);
        _output.WriteLine($"throughput (informative, not asserted): {sent.Count} events accepted into the outbox in {accepted.TotalMilliseconds:0} ms " +
            $"({accepted.TotalMilliseconds / sent.Count:0.00} ms each, synchronous=FULL), all received by the subscriber after {clock.Elapsed.TotalMilliseconds:0} ms");
        await TestSubscriber.WaitUntilAsync(() => agent.Outbox.Count == 0, Patience, () => $"{agent.Outbox.Count} still in outbox", Cancel);
        Assert.Equal(sent, subscriber.EventIds); // exactly once each, in outbox order, on an undisturbed connection
        Assert.Equal(sent.Count, observed.Count);
        Assert.Equal(sent.Count, agent.Statistics.EventsPublished);

        using var first = JsonDocument.Parse(observed.First!.Value.Json);
        Assert.Equal("lpr/test-agent/entrance/plate", observed.First.Value.Topic);
        Assert.Equal(sent[0], first.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task A_broker_outage_mid_run_loses_nothing()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel);
        await using var agent = await PublishingTestHost.StartAsync(PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath), Cancel);

        var sent = await agent.PublishAsync(50, "entrance", Cancel);
        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount >= 10, Patience, () => $"{subscriber.DistinctCount} received before the outage", Cancel);

        await broker.StopAsync(Cancel);
        sent.AddRange(await agent.PublishAsync(100, "exit", Cancel, firstNumber: 50)); // while the broker is down
        var waitingDuringOutage = agent.Outbox.Count;
        await broker.StartAsync(Cancel);
        sent.AddRange(await agent.PublishAsync(50, "entrance", Cancel, firstNumber: 150));

        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount == sent.Count, Patience,
            () => $"{subscriber.DistinctCount}/{sent.Count} received after the outage", Cancel);
        await TestSubscriber.WaitUntilAsync(() => agent.Outbox.Count == 0, Patience, () => $"{agent.Outbox.Count} still in outbox", Cancel);
        Assert.Equal(sent.ToHashSet(), subscriber.EventIds.ToHashSet());
        Assert.True(waitingDuringOutage >= 100, $"only {waitingDuringOutage} events waited in the outbox during the outage");
        Assert.True(agent.Statistics.Connections >= 2, "the publisher never reconnected");
        _output.WriteLine($"broker outage: sent {sent.Count}, received {subscriber.EventIds.Count} ({subscriber.DistinctCount} distinct, {subscriber.EventIds.Count - subscriber.DistinctCount} redelivered), {waitingDuringOutage} waited during the outage, {agent.Statistics.ConnectFailures} failed connection attempts");
    }

    [Fact]
    public async Task An_agent_that_dies_mid_delivery_and_restarts_on_the_same_outbox_loses_nothing()
    {
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel);
        var settings = PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath);

        var first = await PublishingTestHost.StartAsync(settings, Cancel);
        var sent = await first.PublishAsync(300, "entrance", Cancel);
        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount >= 20, Patience, () => $"{subscriber.DistinctCount} received before the crash", Cancel);
        await first.AbandonAsync();
        var deliveredBeforeCrash = subscriber.DistinctCount;

        await using var second = await PublishingTestHost.StartAsync(settings, Cancel);
        var leftInOutbox = second.Outbox.Count;
        sent.AddRange(await second.PublishAsync(20, "entrance", Cancel, firstNumber: 300));

        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount == sent.Count, Patience,
            () => $"{subscriber.DistinctCount}/{sent.Count} received after the restart", Cancel);
        Assert.Equal(sent.ToHashSet(), subscriber.EventIds.ToHashSet());
        _output.WriteLine($"agent crash: sent {sent.Count}, {deliveredBeforeCrash} delivered before the crash, {leftInOutbox} left in the outbox, received {subscriber.EventIds.Count} ({subscriber.EventIds.Count - subscriber.DistinctCount} redelivered)");
    }

    [Fact]
    public async Task Refused_credentials_are_reported_retried_and_nothing_is_lost()
    {
        await using var broker = await MosquittoFixture.StartAsync("lpr", "right-password", cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, username: "lpr", password: "right-password");
        var passwordFile = Path.Combine(_directory.FullName, "mqtt-password");
        await File.WriteAllTextAsync(passwordFile, "new-password\n", Cancel);
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath, ("Lpr:Mqtt:Username", "lpr"), ("Lpr:Mqtt:PasswordFile", passwordFile)), Cancel);

        var sent = await agent.PublishAsync(30, "entrance", Cancel);
        await TestSubscriber.WaitUntilAsync(() => agent.Statistics.ConnectFailures >= 3, Patience, () => $"{agent.Statistics.ConnectFailures} connection failures", Cancel);

        Assert.Equal(0, subscriber.DistinctCount);
        Assert.Equal(30, agent.Outbox.Count);
        Assert.Contains("refused the credentials", agent.Statistics.LastError, StringComparison.Ordinal);
        var logged = agent.Logs.GetSnapshot().Where(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error).Select(r => r.Message).ToList();
        Assert.Contains(logged, m => m.Contains("Lpr:Mqtt:Username", StringComparison.Ordinal));
        Assert.DoesNotContain(agent.Logs.GetSnapshot(), r => r.Message.Contains("new-password", StringComparison.Ordinal));

        // The operator rotates the broker's password to the one in the agent's file: delivery resumes by itself.
        await broker.StopAsync(Cancel);
        broker.ChangePassword("new-password");
        await broker.StartAsync(Cancel);
        await TestSubscriber.WaitUntilAsync(() => agent.Outbox.Count == 0, Patience, () => $"{agent.Outbox.Count} still in outbox", Cancel);
        _output.WriteLine($"refused credentials: {agent.Statistics.ConnectFailures} refused attempts, then {agent.Statistics.EventsPublished} of {sent.Count} delivered");
        Assert.Equal(sent.Count, agent.Statistics.EventsPublished);
    }

    [Fact]
    public async Task A_publish_the_broker_rejects_stays_in_the_outbox_is_reported_and_goes_out_once_allowed()
    {
        var acl = Path.Combine(_directory.FullName, "acl");
        await File.WriteAllTextAsync(acl, "topic read #\n", Cancel); // anonymous clients may read, not write
        var broker = new MosquittoFixture();
        broker.ExtraConfig.Add($"acl_file {acl}");
        await using var _ = broker;
        await broker.StartAsync(Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel, filter: "lpr/+/+/plate");
        await using var agent = await PublishingTestHost.StartAsync(PublishingTestHost.Settings(broker.Host, broker.Port, OutboxPath), Cancel);

        var sent = await agent.PublishAsync(10, "entrance", Cancel);
        await TestSubscriber.WaitUntilAsync(() => agent.Statistics.LastError?.Contains("rejected", StringComparison.Ordinal) == true, Patience,
            () => $"last error: {agent.Statistics.LastError}", Cancel);

        Assert.Equal(10, agent.Outbox.Count);
        Assert.Equal(0, subscriber.DistinctCount);
        Assert.Contains("NotAuthorized", agent.Statistics.LastError, StringComparison.Ordinal);

        // The operator fixes the ACL and reloads the broker (its clients stay connected): the waiting events go out, in order.
        await File.WriteAllTextAsync(acl, "topic readwrite #\n", Cancel);
        await broker.ReloadAsync(Cancel);
        await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount == sent.Count, Patience,
            () => $"{subscriber.DistinctCount}/{sent.Count} received after the ACL fix, {agent.Outbox.Count} in the outbox; broker log:\n{broker.Log}", Cancel);
        Assert.Equal(sent, subscriber.EventIds.Distinct());
    }

    private sealed class CountingObserver : IPublishedEventObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public (string Topic, string Json)? First { get; private set; }

        public void OnPublished(string topic, string json)
        {
            if (Interlocked.Increment(ref _count) == 1)
            {
                First = (topic, json);
            }
        }
    }
}
