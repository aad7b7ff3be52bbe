using System.Diagnostics;
using System.Text.Json;
using Lpr.EdgeAgent.Tests.Fixtures;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>
/// <c>kill -9</c> of a real agent process in the middle of accepting and delivering events: every event the
/// child's sink had accepted (PublishAsync returned) reaches the subscriber once a new agent opens the same
/// outbox. The child is this test assembly running only <see cref="Child_agent_process"/>.
/// </summary>
public sealed class AgentKillTests : IAsyncLifetime
{
    private const string ChildSettingsVariable = "LPR_TEST_CHILD_SETTINGS";
    private const string ChildAcceptedVariable = "LPR_TEST_CHILD_ACCEPTED";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private DirectoryInfo? _directory; // only the parent test makes one: the killed child could not clean it up

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory?.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Events_accepted_by_an_agent_killed_with_SIGKILL_are_all_delivered_after_restart()
    {
        _directory = Directory.CreateTempSubdirectory("lpr-kill-");
        await using var broker = await MosquittoFixture.StartAsync(cancellationToken: Cancel);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Host, broker.Port, Cancel);
        var settings = PublishingTestHost.Settings(broker.Host, broker.Port, Path.Combine(_directory.FullName, "outbox.db"));
        var acceptedFile = Path.Combine(_directory.FullName, "accepted.txt");

        using var child = StartChild(settings, acceptedFile);
        int deliveredBeforeKill;
        try
        {
            await TestSubscriber.WaitUntilAsync(() => subscriber.DistinctCount >= 30, Patience,
                () => $"child accepted {ReadAccepted(acceptedFile).Count}, subscriber got {subscriber.DistinctCount}; child exited: {child.HasExited}", Cancel);

            // Take the broker away so that events pile up in the child's outbox, then kill the child.
            await broker.StopAsync(Cancel);
            deliveredBeforeKill = subscriber.DistinctCount;
            var acceptedAtOutage = ReadAccepted(acceptedFile).Count;
            await TestSubscriber.WaitUntilAsync(() => ReadAccepted(acceptedFile).Count >= acceptedAtOutage + 100, Patience,
                () => $"child accepted {ReadAccepted(acceptedFile).Count - acceptedAtOutage} during the outage; child exited: {child.HasExited}", Cancel);
        }
        finally
        {
            child.Kill(); // SIGKILL: no stop, no flush, no DISCONNECT
            await child.WaitForExitAsync(Cancel);
        }

        await broker.StartAsync(Cancel);
        var accepted = ReadAccepted(acceptedFile);
        await using var restarted = await PublishingTestHost.StartAsync(settings, Cancel);
        var waitingAfterKill = restarted.Outbox.Count;

        await TestSubscriber.WaitUntilAsync(() => accepted.IsSubsetOf(subscriber.EventIds), Patience,
            () => $"{accepted.Except(subscriber.EventIds).Count()} of {accepted.Count} accepted events never arrived", Cancel);
        Assert.True(waitingAfterKill >= 100, $"only {waitingAfterKill} events were waiting after the kill");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"kill -9: child accepted {accepted.Count}, {deliveredBeforeKill} delivered before the kill, {waitingAfterKill} waiting in the outbox after it, " +
            $"subscriber received {subscriber.EventIds.Count} messages ({subscriber.DistinctCount} distinct), 0 accepted events lost");
    }

    /// <summary>The child agent: accepts events as fast as it can, logging each accepted id, until it is killed.</summary>
    [Fact(Explicit = true)]
    public async Task Child_agent_process()
    {
        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(Environment.GetEnvironmentVariable(ChildSettingsVariable)!)!;
        var acceptedFile = Environment.GetEnvironmentVariable(ChildAcceptedVariable)!;
        await using var agent = await PublishingTestHost.StartAsync(settings, Cancel);
        await using var accepted = new StreamWriter(acceptedFile, append: true);
        var lifetime = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20_000 && lifetime.Elapsed < Patience; i++) // bounded, should the parent die without killing it
        {
            var ids = await agent.PublishAsync(1, "entrance", Cancel, firstNumber: i);
            await accepted.WriteLineAsync(ids[0]);
            await accepted.FlushAsync(Cancel); // to the OS: survives SIGKILL of this process
            await Task.Delay(i % 20 == 0 ? 5 : 0, Cancel);
        }
    }

    private static Process StartChild(Dictionary<string, string?> settings, string acceptedFile) =>
        ChildTestProcess.Start(typeof(AgentKillTests), nameof(Child_agent_process), new Dictionary<string, string>
        {
            [ChildSettingsVariable] = JsonSerializer.Serialize(settings),
            [ChildAcceptedVariable] = acceptedFile,
        });

    /// <summary>Complete lines only: the last line may have been cut by the kill.</summary>
    private static HashSet<string> ReadAccepted(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        var lines = text.Split('\n');
        return [.. lines.Take(lines.Length - 1).Where(l => l.Length == 26)];
    }
}
