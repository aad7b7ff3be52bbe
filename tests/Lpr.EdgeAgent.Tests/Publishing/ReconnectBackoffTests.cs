using CsCheck;
using Lpr.EdgeAgent.Publishing.Mqtt;

namespace Lpr.EdgeAgent.Tests.Publishing;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_within_jitter_up_to_the_cap_and_reset_after_success()
    {
        Gen.Int[1, 5000].Select(Gen.Int[1, 200], Gen.Int[1, 40], Gen.Int).Sample((initialMs, capFactor, attempts, seed) =>
        {
            var initial = TimeSpan.FromMilliseconds(initialMs);
            var maximum = initial * capFactor;
            var backoff = new ReconnectBackoff(initial, maximum, new Random(seed));
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var expected = Math.Min(maximum.Ticks, initial.Ticks * Math.Pow(2, attempt));
                var delay = backoff.NextDelay().Ticks;
                Assert.InRange(delay, (long)(expected * 0.8) - 1, (long)(expected * 1.2) + 1);
            }

            backoff.Reset();
            Assert.InRange(backoff.NextDelay().Ticks, (long)(initial.Ticks * 0.8) - 1, (long)(initial.Ticks * 1.2) + 1);
        }, iter: 500);
    }

    [Fact]
    public void Jitter_spreads_agents_that_failed_together()
    {
        var delays = Enumerable.Range(0, 50)
            .Select(seed => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(seed)).NextDelay())
            .Distinct()
            .Count();
        Assert.True(delays > 40, $"only {delays} distinct first delays among 50 agents");
    }
}
