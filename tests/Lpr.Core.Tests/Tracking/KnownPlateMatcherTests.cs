using CsCheck;
using Lpr.Core.Tracking;

namespace Lpr.Core.Tests.Tracking;

public sealed class KnownPlateMatcherTests
{
    private static readonly KnownPlate Resident = new("12가3456", "Kim", ["residents"]);
    private static readonly KnownPlate Blocked = new("서울34나5678", "Van", ["blocked"]);
    private static readonly KnownPlate NewFormat = new("123가4567", "Lee", ["residents", "staff"]);

    [Theory]
    [InlineData("12가3456", "Kim", 0)]
    [InlineData("12가3458", "Kim", 1)]
    [InlineData("서울34나5678", "Van", 0)]
    [InlineData("부산34나5678", "Van", 1)]
    [InlineData("123가4561", "Lee", 1)]
    public void Matches_exactly_or_within_the_distance(string read, string name, int distance)
    {
        var match = new KnownPlateMatcher([Resident, Blocked, NewFormat], maxDistance: 1).Match(read);

        Assert.NotNull(match);
        Assert.Equal(name, match.Plate.Name);
        Assert.Equal(distance, match.Distance);
    }

    [Theory]
    [InlineData("12가3477")]
    [InlineData("23가4567")]
    [InlineData("34나5678")]
    [InlineData("garbage")]
    public void Does_not_match_beyond_the_distance_or_across_layouts(string read) =>
        Assert.Null(new KnownPlateMatcher([Resident, Blocked, NewFormat], maxDistance: 1).Match(read));

    [Fact]
    public void With_distance_zero_only_exact_texts_match()
    {
        var matcher = new KnownPlateMatcher([Resident], maxDistance: 0);

        Assert.NotNull(matcher.Match("12가3456"));
        Assert.Null(matcher.Match("12가3458"));
    }

    [Fact]
    public void A_two_digit_class_is_never_matched_to_a_three_digit_one_however_large_the_distance()
    {
        var syllable = Gen.Char["가나다라마바사"];
        Gen.Select(Gen.Int[10, 99], Gen.Int[100, 999], syllable, Gen.Int[0, 9999], Gen.Int[0, 9999])
            .Sample((two, three, s, a, b) =>
            {
                var matcher = new KnownPlateMatcher([new KnownPlate($"{three}{s}{a:D4}", "x", [])], maxDistance: 10);
                return matcher.Match($"{two}{s}{b:D4}") is null && PlateDistance.Between($"{two}{s}{a:D4}", $"{three}{s}{a:D4}") is null;
            });
    }

    [Fact]
    public void The_distance_is_symmetric_and_zero_only_for_equal_texts()
    {
        var plate = Gen.Select(Gen.Int[10, 99], Gen.Char["가나다"], Gen.Int[0, 9999], (n, h, s) => $"{n}{h}{s:D4}");
        Gen.Select(plate, plate).Sample((a, b) =>
            PlateDistance.Between(a, b) == PlateDistance.Between(b, a) && (PlateDistance.Between(a, b) == 0) == (a == b));
    }
}
