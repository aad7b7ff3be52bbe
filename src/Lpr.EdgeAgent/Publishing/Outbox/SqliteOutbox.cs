using System.Threading.Channels;
using Lpr.EdgeAgent.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lpr.EdgeAgent.Publishing.Outbox;

/// <summary>
/// The durable queue between the pipeline and MQTT: a SQLite database in WAL mode. <see cref="Enqueue"/>
/// commits (and, with <see cref="OutboxDurability.Full"/>, fsyncs) before it returns, so an accepted event
/// survives a crash, <c>kill -9</c> or power cut; <see cref="Remove"/> is called only after PUBACK.
/// Eviction policy (documented in docs/mqtt.md): events older than <c>MaxAge</c> are dropped, then the
/// OLDEST events are dropped while the outbox holds more than <c>MaxEvents</c> events or <c>MaxBytes</c>
/// payload bytes; every eviction is logged and added to a counter persisted in the database.
/// One connection guarded by a lock: SQLite serializes writers anyway and events are few per second.
/// </summary>
public sealed partial class SqliteOutbox : IDisposable
{
    private const string EvictedKey = "evicted";

    private readonly OutboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteOutbox> _logger;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _count;
    private long _bytes;
    private long _evicted;
    private bool _disposed;

    public SqliteOutbox(OutboxOptions options, TimeProvider timeProvider, ILogger<SqliteOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        FilePath = OutboxPath.Resolve(options.Path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            // No pooling: disposing must really close the file (a restarted publisher, tests of abrupt stops).
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = FilePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            _connection.Open();
            Initialize();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _connection?.Dispose();
            throw new OutboxOpenException(
                $"Cannot open the outbox database '{FilePath}' (Lpr:Outbox:Path): {ex.Message}", ex);
        }

        LogOpened(FilePath, _count, _evicted);
    }

    /// <summary>The resolved database file.</summary>
    public string FilePath { get; }

    /// <summary>Events waiting for a PUBACK.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Payload bytes waiting.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Events evicted by the bounds since the database was created (persisted).</summary>
    public long EvictedTotal
    {
        get
        {
            lock (_gate)
            {
                return _evicted;
            }
        }
    }

    /// <summary>
    /// Stores one event durably and returns its sequence number. Evicts per the policy in the same
    /// transaction. Throws <see cref="ArgumentException"/> when the payload alone exceeds <c>MaxBytes</c>.
    /// </summary>
    public long Enqueue(string eventId, string agentId, string cameraId, string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentException.ThrowIfNullOrEmpty(cameraId);
        ArgumentNullException.ThrowIfNull(payload);
        var size = (long)System.Text.Encoding.UTF8.GetByteCount(payload);
        if (size > _options.MaxBytes)
        {
            throw new ArgumentException(
                $"Event {eventId} is {size} bytes, more than the whole outbox may hold (Lpr:Outbox:MaxBytes = {_options.MaxBytes}).",
                nameof(payload));
        }

        long sequence;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetUtcNow();
            using var transaction = _connection.BeginTransaction();
            var evicted = EvictExpiredLocked(transaction, now);

            using (var insert = Command(transaction,
                "INSERT INTO outbox (event_id, agent_id, camera_id, payload, bytes, stored_ms) VALUES ($id, $agent, $camera, $payload, $bytes, $now) " +
                "ON CONFLICT (event_id) DO NOTHING RETURNING seq"))
            {
                insert.Parameters.AddWithValue("$id", eventId);
                insert.Parameters.AddWithValue("$agent", agentId);
                insert.Parameters.AddWithValue("$camera", cameraId);
                insert.Parameters.AddWithValue("$payload", payload);
                insert.Parameters.AddWithValue("$bytes", size);
                insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                var result = insert.ExecuteScalar();
                if (result is null)
                {
                    // The same event id twice: already waiting; idempotent, nothing to add.
                    if (evicted > 0)
                    {
                        AddEvictedLocked(transaction, evicted);
                    }

                    transaction.Commit();
                    return ExistingSequence(eventId);
                }

                sequence = (long)result;
            }

            _count++;
            _bytes += size;
            evicted += EvictOverflowLocked(transaction);
            if (evicted > 0)
            {
                AddEvictedLocked(transaction, evicted);
            }

            transaction.Commit();
        }

        _wakeUp.Writer.TryWrite(true);
        return sequence;
    }

    /// <summary>The oldest waiting events, in delivery order.</summary>
    public IReadOnlyList<OutboxEntry> PeekOldest(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var select = Command(null, "SELECT seq, event_id, agent_id, camera_id, payload, stored_ms FROM outbox ORDER BY seq LIMIT $max");
            select.Parameters.AddWithValue("$max", max);
            using var reader = select.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }

            return entries;
        }
    }

    /// <summary>Removes acknowledged events (one transaction). Unknown sequences (already evicted) are ignored.</summary>
    public void Remove(IReadOnlyCollection<long> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            using var delete = Command(transaction, "DELETE FROM outbox WHERE seq = $seq RETURNING bytes");
            var parameter = delete.Parameters.Add("$seq", SqliteType.Integer);
            foreach (var sequence in sequences)
            {
                parameter.Value = sequence;
                if (delete.ExecuteScalar() is long bytes)
                {
                    _count--;
                    _bytes -= bytes;
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>Drops events older than <c>MaxAge</c> now (the publisher calls this each pass); returns how many.</summary>
    public long EvictExpired()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var evicted = EvictExpiredLocked(transaction, _timeProvider.GetUtcNow());
            if (evicted > 0)
            {
                AddEvictedLocked(transaction, evicted);
            }

            transaction.Commit();
            return evicted;
        }
    }

    /// <summary>Completes when an event was enqueued since the last call, or after <paramref name="timeout"/>.</summary>
    public async Task WaitForNewEventsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await _wakeUp.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: the caller re-checks the outbox anyway.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    private void Initialize()
    {
        Execute("PRAGMA journal_mode = WAL;");
        Execute(_options.Durability == OutboxDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        Execute("PRAGMA busy_timeout = 5000;");
        Execute(
            """
            CREATE TABLE IF NOT EXISTS outbox (
                seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id   TEXT    NOT NULL UNIQUE,
                agent_id   TEXT    NOT NULL,
                camera_id  TEXT    NOT NULL,
                payload    TEXT    NOT NULL,
                bytes      INTEGER NOT NULL,
                stored_ms  INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS outbox_meta (
                key   TEXT PRIMARY KEY,
                value INTEGER NOT NULL);
            """);

        using (var totals = Command(null, "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM outbox"))
        using (var reader = totals.ExecuteReader())
        {
            reader.Read();
            _count = reader.GetInt64(0);
            _bytes = reader.GetInt64(1);
        }

        using var evicted = Command(null, "SELECT value FROM outbox_meta WHERE key = $key");
        evicted.Parameters.AddWithValue("$key", EvictedKey);
        _evicted = evicted.ExecuteScalar() is long value ? value : 0;
    }

    private long EvictExpiredLocked(SqliteTransaction transaction, DateTimeOffset now)
    {
        using var delete = Command(transaction, "DELETE FROM outbox WHERE stored_ms < $cutoff RETURNING bytes");
        delete.Parameters.AddWithValue("$cutoff", (now - _options.MaxAge).ToUnixTimeMilliseconds());
        long evicted = 0;
        using var reader = delete.ExecuteReader();
        while (reader.Read())
        {
            evicted++;
            _count--;
            _bytes -= reader.GetInt64(0);
        }

        if (evicted > 0)
        {
            LogEvicted(evicted, "older than Lpr:Outbox:MaxAge");
        }

        return evicted;
    }

    private long EvictOverflowLocked(SqliteTransaction transaction)
    {
        if (_count <= _options.MaxEvents && _bytes <= _options.MaxBytes)
        {
            return 0;
        }

        long evicted = 0;
        using var oldest = Command(transaction, "DELETE FROM outbox WHERE seq = (SELECT MIN(seq) FROM outbox) RETURNING bytes");
        while (_count > _options.MaxEvents || _bytes > _options.MaxBytes)
        {
            if (oldest.ExecuteScalar() is not long bytes)
            {
                break;
            }

            evicted++;
            _count--;
            _bytes -= bytes;
        }

        LogEvicted(evicted, "beyond Lpr:Outbox:MaxEvents/MaxBytes");
        return evicted;
    }

    private void AddEvictedLocked(SqliteTransaction transaction, long evicted)
    {
        using var upsert = Command(transaction,
            "INSERT INTO outbox_meta (key, value) VALUES ($key, $n) ON CONFLICT (key) DO UPDATE SET value = value + $n");
        upsert.Parameters.AddWithValue("$key", EvictedKey);
        upsert.Parameters.AddWithValue("$n", evicted);
        upsert.ExecuteNonQuery();
        _evicted += evicted;
    }

    private long ExistingSequence(string eventId)
    {
        using var select = Command(null, "SELECT seq FROM outbox WHERE event_id = $id");
        select.Parameters.AddWithValue("$id", eventId);
        return select.ExecuteScalar() is long sequence ? sequence : -1;
    }

    private void Execute(string sql)
    {
        using var command = Command(null, sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only constant SQL from this class; values always go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Outbox {Path} opened: {Waiting} events waiting, {Evicted} evicted so far")]
    private partial void LogOpened(string path, long waiting, long evicted);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Outbox evicted {Count} oldest undelivered events ({Reason})")]
    private partial void LogEvicted(long count, string reason);
}
