namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>
/// Exponential backoff with jitter for reconnecting: initial, 2×, 4×, … capped at the maximum, each delay
/// scaled by a random factor in [0.8, 1.2] so agents cut off together do not reconnect in lock-step.
/// </summary>
public sealed class ReconnectBackoff
{
    private const double Jitter = 0.2;
    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private readonly Random _random;
    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan maximum, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        _initial = initial;
        _maximum = maximum;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    /// <summary>The delay before the next attempt; counts one more failure.</summary>
    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseTicks = Math.Min(_maximum.Ticks, _initial.Ticks * Math.Pow(2, exponent));
        var factor = 1 + Jitter * (2 * _random.NextDouble() - 1);
        return TimeSpan.FromTicks((long)(baseTicks * factor));
    }

    public void Reset() => _failures = 0;
}
