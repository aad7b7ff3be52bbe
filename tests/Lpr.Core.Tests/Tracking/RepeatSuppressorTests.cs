using Lpr.Core.Tracking;

namespace Lpr.Core.Tests.Tracking;

public sealed class RepeatSuppressorTests
{
    [Fact]
    public void Refuses_the_same_text_inside_the_window_only()
    {
        var start = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var suppressor = new RepeatSuppressor(TimeSpan.FromSeconds(30));

        Assert.True(suppressor.TryAccept("12가3456", start));
        Assert.False(suppressor.TryAccept("12가3456", start.AddSeconds(29)));
        Assert.True(suppressor.TryAccept("34나5678", start.AddSeconds(29)));
        Assert.True(suppressor.TryAccept("12가3456", start.AddSeconds(30)));
    }
}
