namespace Lpr.Core.Tracking;

/// <summary>
/// Remembers when each plate text was last published and refuses it again within the window, so a car
/// waiting at a barrier (its track broken by a passer-by) does not open a second event.
/// </summary>
public sealed class RepeatSuppressor(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _lastPublished = new(StringComparer.Ordinal);

    public TimeSpan Window { get; } = window;

    /// <summary>True and remembered when <paramref name="text"/> may be published at <paramref name="at"/>; false when it is a repeat.</summary>
    public bool TryAccept(string text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_lastPublished.TryGetValue(text, out var last) && at - last < Window && at >= last)
        {
            return false;
        }

        _lastPublished[text] = at;
        if (_lastPublished.Count > 4096)
        {
            Forget(at);
        }

        return true;
    }

    /// <summary>Drops entries older than the window (keeps memory bounded on a busy road).</summary>
    public void Forget(DateTimeOffset now)
    {
        foreach (var key in _lastPublished.Where(p => now - p.Value >= Window).Select(p => p.Key).ToList())
        {
            _lastPublished.Remove(key);
        }
    }
}
