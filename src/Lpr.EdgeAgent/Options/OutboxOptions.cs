namespace Lpr.EdgeAgent.Options;

/// <summary>
/// The durable outbox (section <c>Lpr:Outbox</c>): a SQLite database in WAL mode where every event waits
/// until the broker acknowledged it. Bounded by <see cref="MaxEvents"/>, <see cref="MaxBytes"/> and
/// <see cref="MaxAge"/>; when a bound is exceeded the OLDEST waiting events are evicted and counted (the
/// counter is persisted and published in the status) — newer events are more useful to a gate than old ones.
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Lpr:Outbox";

    /// <summary>
    /// Database file (<c>Lpr:Outbox:Path</c>). A relative path is resolved against <c>$STATE_DIRECTORY</c>
    /// (set by systemd's <c>StateDirectory=</c>) when present, else against the application's directory.
    /// </summary>
    public string Path { get; set; } = "outbox.db";

    /// <summary>Most events kept waiting.</summary>
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>Most payload bytes kept waiting.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Events waiting longer than this are evicted (a plate from last week no longer opens a gate).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// SQLite <c>synchronous</c> level. <see cref="OutboxDurability.Full"/> (default) fsyncs the WAL on every
    /// commit, so an event acknowledged to the pipeline survives a power cut; <see cref="OutboxDurability.Normal"/>
    /// survives a crash or <c>kill -9</c> but may lose the last events on power loss, in exchange for fewer
    /// writes to an SD card.
    /// </summary>
    public OutboxDurability Durability { get; set; } = OutboxDurability.Full;

    /// <summary>How many events the publisher reads from the outbox at a time.</summary>
    public int BatchSize { get; set; } = 64;
}

/// <summary>The SQLite <c>synchronous</c> level of the outbox.</summary>
public enum OutboxDurability
{
    Full,
    Normal,
}
