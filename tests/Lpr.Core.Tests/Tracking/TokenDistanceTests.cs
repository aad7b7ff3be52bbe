using CsCheck;
using Lpr.Core.Tracking;

namespace Lpr.Core.Tests.Tracking;

public sealed class TokenDistanceTests
{
    [Theory]
    [InlineData("12가3456", "12가3456", 0)]
    [InlineData("12가3456", "12나3456", 1)]
    [InlineData("12가3456", "2가3456", 1)]
    [InlineData("서울12가3456", "12가3456", 1)]
    [InlineData("", "12가3456", 7)]
    public void Counts_token_edits(string a, string b, int expected) =>
        Assert.Equal(expected, TokenDistance.Between(Readings.Tokens(a), Readings.Tokens(b)));

    [Fact]
    public void Is_a_metric_on_token_lists()
    {
        string[] alphabet = ["1", "2", "가", "서울"];
        var tokens = Gen.Int[0, 3].Select(i => alphabet[i]).List[0, 6];
        Gen.Select(tokens, tokens, tokens).Sample((a, b, c) =>
            TokenDistance.Between(a, a) == 0
            && TokenDistance.Between(a, b) == TokenDistance.Between(b, a)
            && TokenDistance.Between(a, c) <= TokenDistance.Between(a, b) + TokenDistance.Between(b, c));
    }
}
