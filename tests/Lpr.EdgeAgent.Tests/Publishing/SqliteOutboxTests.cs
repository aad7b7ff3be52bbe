using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Publishing;

public sealed class SqliteOutboxTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lpr-outbox-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<SqliteOutbox> _logger = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private OutboxOptions Options(int maxEvents = 1000, long maxBytes = 1 << 20, TimeSpan? maxAge = null) => new()
    {
        Path = Path.Combine(_directory.FullName, "sub", "outbox.db"),
        MaxEvents = maxEvents,
        MaxBytes = maxBytes,
        MaxAge = maxAge ?? TimeSpan.FromDays(1),
    };

    private SqliteOutbox Open(OutboxOptions options) => new(options, _time, _logger);

    private static void EnqueueNumbered(SqliteOutbox outbox, int from, int count, int payloadBytes = 100)
    {
        for (var i = from; i < from + count; i++)
        {
            outbox.Enqueue($"id-{i:D6}", "agent", "cam", new string('x', payloadBytes));
        }
    }

    [Fact]
    public void Events_come_out_in_order_and_leave_only_when_removed()
    {
        using var outbox = Open(Options());
        EnqueueNumbered(outbox, 0, 10);

        var first = outbox.PeekOldest(4);
        Assert.Equal(["id-000000", "id-000001", "id-000002", "id-000003"], first.Select(e => e.EventId));
        Assert.Equal(10, outbox.Count);

        outbox.Remove([first[0].Sequence, first[1].Sequence]);

        Assert.Equal(8, outbox.Count);
        Assert.Equal("id-000002", outbox.PeekOldest(1)[0].EventId);
        Assert.Equal(800, outbox.Bytes);
    }

    [Fact]
    public void Accepted_events_survive_a_process_that_never_closed_the_database()
    {
        var options = Options();
        var crashed = Open(options); // deliberately never disposed: its process "died" with the connection open
        EnqueueNumbered(crashed, 0, 25);
        crashed.Remove([crashed.PeekOldest(5)[^1].Sequence]); // one acknowledged before the crash

        using var restarted = Open(options);

        Assert.Equal(24, restarted.Count);
        Assert.DoesNotContain("id-000004", restarted.PeekOldest(100).Select(e => e.EventId));
        Assert.Equal("id-000000", restarted.PeekOldest(1)[0].EventId);
    }

    [Theory]
    [InlineData(OutboxDurability.Full)]
    [InlineData(OutboxDurability.Normal)]
    public void Both_durability_levels_keep_every_accepted_event(OutboxDurability durability)
    {
        var options = Options();
        options.Durability = durability;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var crashed = Open(options); // never disposed, as after kill -9
        EnqueueNumbered(crashed, 0, 100);
        var elapsed = clock.Elapsed;

        using var restarted = Open(options);

        Assert.Equal(100, restarted.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"outbox enqueue, synchronous={durability}: {elapsed.TotalMilliseconds / 100:0.000} ms per event (informative, not asserted)");
    }

    [Fact]
    public void The_database_is_in_write_ahead_logging_mode()
    {
        var options = Options();
        using (var outbox = Open(options))
        {
            EnqueueNumbered(outbox, 0, 1);
        }

        using var connection = new SqliteConnection($"Data Source={OutboxPath.Resolve(options.Path)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public void Over_the_count_bound_the_oldest_are_evicted_and_counted_persistently()
    {
        var options = Options(maxEvents: 10);
        using (var outbox = Open(options))
        {
            EnqueueNumbered(outbox, 0, 15);

            Assert.Equal(10, outbox.Count);
            Assert.Equal(5, outbox.EvictedTotal);
            Assert.Equal("id-000005", outbox.PeekOldest(1)[0].EventId);
            Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("evicted", StringComparison.Ordinal));
        }

        using var reopened = Open(options);
        Assert.Equal(5, reopened.EvictedTotal);
    }

    [Fact]
    public void Over_the_byte_bound_the_oldest_are_evicted()
    {
        using var outbox = Open(Options(maxBytes: 2000));
        EnqueueNumbered(outbox, 0, 30, payloadBytes: 100);

        Assert.Equal(20, outbox.Count);
        Assert.True(outbox.Bytes <= 2000);
        Assert.Equal(10, outbox.EvictedTotal);
        Assert.Equal("id-000010", outbox.PeekOldest(1)[0].EventId);
    }

    [Fact]
    public void Events_older_than_the_age_bound_are_evicted()
    {
        using var outbox = Open(Options(maxAge: TimeSpan.FromHours(1)));
        EnqueueNumbered(outbox, 0, 3);
        _time.Advance(TimeSpan.FromMinutes(59));
        EnqueueNumbered(outbox, 3, 2);
        Assert.Equal(0, outbox.EvictExpired());

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(3, outbox.EvictExpired());
        Assert.Equal(["id-000003", "id-000004"], outbox.PeekOldest(10).Select(e => e.EventId));
        Assert.Equal(3, outbox.EvictedTotal);
    }

    [Fact]
    public void The_same_event_id_twice_is_stored_once()
    {
        using var outbox = Open(Options());
        var first = outbox.Enqueue("same", "agent", "cam", "{}");
        var second = outbox.Enqueue("same", "agent", "cam", "{}");

        Assert.Equal(first, second);
        Assert.Equal(1, outbox.Count);
    }

    [Fact]
    public void An_event_larger_than_the_whole_outbox_is_refused_with_the_key_named()
    {
        using var outbox = Open(Options(maxBytes: 1024));

        var error = Assert.Throws<ArgumentException>(() => outbox.Enqueue("big", "agent", "cam", new string('x', 2000)));

        Assert.Contains("Lpr:Outbox:MaxBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void An_unusable_path_gives_an_error_naming_the_key()
    {
        var blocker = Path.Combine(_directory.FullName, "not-a-directory");
        File.WriteAllText(blocker, "file in the way");

        var error = Assert.Throws<OutboxOpenException>(() => Open(new OutboxOptions { Path = Path.Combine(blocker, "outbox.db") }));

        Assert.Contains("Lpr:Outbox:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_wakes_a_waiting_publisher()
    {
        using var outbox = Open(Options());
        var waiting = outbox.WaitForNewEventsAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        EnqueueNumbered(outbox, 0, 1);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
