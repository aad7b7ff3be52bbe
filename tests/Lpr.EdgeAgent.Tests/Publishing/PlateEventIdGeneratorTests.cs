using CsCheck;
using Lpr.EdgeAgent.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Publishing;

public sealed class PlateEventIdGeneratorTests
{
    [Fact]
    public void Ids_are_strictly_increasing_within_one_millisecond_and_when_the_clock_steps_back()
    {
        var time = new SteppingClock { Now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero) };
        var generator = new PlateEventIdGenerator(time);
        var ids = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            ids.Add(generator.Next());
            if (i % 100 == 50)
            {
                time.Now += TimeSpan.FromMilliseconds(1);
            }

            if (i == 700)
            {
                time.Now -= TimeSpan.FromSeconds(3); // NTP steps the clock backwards
            }
        }

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"id {i} '{ids[i]}' does not sort after '{ids[i - 1]}'");
        }

        Assert.All(ids, id => Assert.True(PlateEventIdGenerator.IsWellFormed(id), id));
    }

    [Fact]
    public void Timestamp_round_trips_and_ids_sort_like_their_times()
    {
        Gen.Long[0, 253402300799999L].Select(Gen.Long[0, 253402300799999L]).Sample((a, b) =>
        {
            var idA = new PlateEventIdGenerator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(a))).Next();
            var idB = new PlateEventIdGenerator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(b))).Next();
            Assert.Equal(a, PlateEventIdGenerator.GetTimestamp(idA).ToUnixTimeMilliseconds());
            Assert.Equal(PlateEventIdGenerator.Length, idA.Length);
            if (a != b)
            {
                Assert.Equal(a < b, string.CompareOrdinal(idA, idB) < 0);
            }
        }, iter: 2000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01HZX3")]
    [InlineData("01HZX3V8Q2M4T6W8Y0A2C4E6GU")] // U is not Crockford base-32
    [InlineData("81HZX3V8Q2M4T6W8Y0A2C4E6G8")] // first character above 7 overflows 128 bits
    public void Malformed_ids_are_recognized(string id)
    {
        Assert.False(PlateEventIdGenerator.IsWellFormed(id));
        Assert.Throws<FormatException>(() => PlateEventIdGenerator.GetTimestamp(id));
    }

    /// <summary>A wall clock that, unlike FakeTimeProvider, may be stepped backwards (as NTP does).</summary>
    private sealed class SteppingClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
