using CsCheck;
using Lpr.Core.Recognition;
using Lpr.Core.Tracking;

namespace Lpr.Core.Tests.Tracking;

public sealed class CharacterVoterTests
{
    [Fact]
    public void Majority_wins_each_position_and_disagreement_lowers_that_character()
    {
        var vote = CharacterVoter.Vote([Readings.Of("12가3456"), Readings.Of("12가3458"), Readings.Of("17가3456")]);

        Assert.Equal("12가3456", vote.Text);
        Assert.Equal(1, vote.Votes);
        Assert.Equal(0.9f, vote.Characters[0].Confidence, 3);
        Assert.Equal(0.6f, vote.Characters[1].Confidence, 3);
        Assert.Equal(0.6f, vote.Characters[6].Confidence, 3);
        Assert.Equal(0.6, vote.Confidence, 3);
    }

    [Fact]
    public void A_confident_reading_outweighs_two_unsure_ones_at_a_position()
    {
        var vote = CharacterVoter.Vote([Readings.Of("12가3456", 0.95f), Readings.Of("12나3456", 0.3f), Readings.Of("12나3456", 0.3f)]);

        Assert.Equal("12가3456", vote.Text);
    }

    [Fact]
    public void The_token_count_is_voted_first_so_a_dropped_character_does_not_shift_the_rest()
    {
        var vote = CharacterVoter.Vote([Readings.Of("서울12가3456"), Readings.Of("서울12가3456"), Readings.Of("서울2가3456")]);

        Assert.Equal("서울12가3456", vote.Text);
        Assert.Equal(2, vote.Votes);
        Assert.Equal("서울", vote.Characters[0].Token);
    }

    [Fact]
    public void No_characters_give_an_empty_vote()
    {
        var vote = CharacterVoter.Vote([new PlateReading(string.Empty, string.Empty, false, 0.5f, [])]);

        Assert.Equal(string.Empty, vote.Text);
        Assert.Equal(0, vote.Votes);
    }

    private static readonly Gen<string> Plate =
        Gen.Select(Gen.Int[10, 999], Gen.Char["가나다라마"], Gen.Int[0, 9999], (n, h, s) => $"{n}{h}{s:D4}");

    [Fact]
    public void Identical_readings_vote_their_own_text_with_every_frame_agreeing() =>
        Gen.Select(Plate, Gen.Int[1, 8], Gen.Float[0.05f, 1f]).Sample((plate, frames, confidence) =>
        {
            var vote = CharacterVoter.Vote([.. Enumerable.Repeat(Readings.Of(plate, confidence), frames)]);
            return vote.Text == plate && vote.Votes == frames && Math.Abs(vote.Confidence - confidence) < 1e-5;
        });

    [Fact]
    public void The_vote_does_not_depend_on_the_order_of_the_readings() =>
        Gen.Select(Plate.Select(Gen.Float[0.05f, 1f]).List[1, 6], Gen.Int).Sample((readings, seed) =>
        {
            var list = readings.Select(r => Readings.Of(r.Item1, r.Item2)).ToList();
            var random = new Random(seed);
            var shuffled = list.OrderBy(_ => random.Next()).ToList();
            return CharacterVoter.Vote(list).Text == CharacterVoter.Vote(shuffled).Text;
        });
}
