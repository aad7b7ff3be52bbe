using Lpr.Core.Decoding;
using Lpr.Core.Plates;
using static Lpr.Core.Tests.Decoding.CtcMatrices;

namespace Lpr.Core.Tests.Decoding;

public class CtcGreedyDecoderTests
{
    private readonly CtcGreedyDecoder decoder = new(Labels, Blank);

    [Fact]
    public void Merges_repeats_drops_blanks_and_keeps_blank_separated_doubles()
    {
        int b = Blank, one = Labels.IndexOf("1"), ga = Labels.IndexOf("가");
        int[] frames = [b, one, one, b, one, ga, ga, b];
        var result = decoder.Decode(OneHot(frames, ClassCount), frames.Length);
        Assert.Equal("11가", result.Text);
        Assert.Equal(3, result.Characters.Count);
        Assert.Equal(1f, result.Confidence);
    }

    [Fact]
    public void Character_confidence_is_the_peak_probability_over_its_frames()
    {
        var classCount = ClassCount;
        var scores = new float[3 * classCount];
        int one = Labels.IndexOf("1");
        (scores[one], scores[Blank]) = (0.6f, 0.4f);
        (scores[classCount + one], scores[classCount + Blank]) = (0.9f, 0.1f);
        (scores[(2 * classCount) + Blank], scores[(2 * classCount) + one]) = (0.7f, 0.3f);
        var result = decoder.Decode(scores, 3);
        Assert.Equal("1", result.Text);
        Assert.Equal(0.9f, result.Characters[0].Confidence, 5);
        Assert.Equal(0.9f, result.Confidence, 5);
    }

    [Fact]
    public void All_blank_decodes_to_empty()
    {
        var frames = Enumerable.Repeat(Blank, 20).ToArray();
        var result = decoder.Decode(OneHot(frames, ClassCount), frames.Length);
        Assert.True(result.IsEmpty);
        Assert.Equal(0f, result.Confidence);
    }

    [Fact]
    public void Padding_labels_emit_nothing_but_separate_repeats()
    {
        var labels = PlateAlphabet.FromLabels(["1", " ", "가"]);
        var greedy = new CtcGreedyDecoder(labels, blankIndex: 3);
        int[] frames = [0, 1, 0, 2, 1];
        Assert.Equal("11가", greedy.Decode(OneHot(frames, 4), frames.Length).Text);
    }

    [Fact]
    public void Logits_and_their_softmax_decode_alike()
    {
        var random = new Random(7);
        var frames = Alignment(Classes("서울12바3456"), Blank, random);
        var logits = NoisyLogits(frames, ClassCount, 3f, random);
        var fromLogits = decoder.Decode(logits, frames.Length, CtcScoreKind.Logits);
        var fromProbabilities = decoder.Decode(Softmax(logits, ClassCount), frames.Length, CtcScoreKind.Probabilities);
        var auto = decoder.Decode(logits, frames.Length);
        Assert.Equal("서울12바3456", fromLogits.Text);
        Assert.Equal(fromLogits.Text, fromProbabilities.Text);
        Assert.Equal((fromLogits.Text, fromLogits.Confidence), (auto.Text, auto.Confidence));
        Assert.Equal(fromLogits.Confidence, fromProbabilities.Confidence, 4);
    }

    [Fact]
    public void Foreign_labels_are_decoded_as_text()
    {
        var labels = PlateAlphabet.FromLabels(["A", "1"]);
        int[] frames = [0, 2, 1];
        Assert.Equal("A1", new CtcGreedyDecoder(labels, 2).Decode(OneHot(frames, 3), 3).Text);
    }

    [Fact]
    public void Bad_matrices_are_rejected_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => decoder.Decode(new float[10], 2));
        Assert.Contains("2 x 68", error.Message);
        var scores = new float[ClassCount];
        scores[5] = float.NaN;
        Assert.Contains("class 5", Assert.Throws<ArgumentException>(() => decoder.Decode(scores, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.Decode([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CtcGreedyDecoder(Labels, Blank, classCount: 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CtcGreedyDecoder(Labels, 70, classCount: 68));
    }
}
