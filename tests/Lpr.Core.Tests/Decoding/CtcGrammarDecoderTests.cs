using CsCheck;
using Lpr.Core.Decoding;
using Lpr.Core.Plates;
using Lpr.Core.Tests.Plates;
using static Lpr.Core.Tests.Decoding.CtcMatrices;

namespace Lpr.Core.Tests.Decoding;

public class CtcGrammarDecoderTests
{
    // Decoders are not thread-safe and CsCheck samples on several threads: one pair per thread.
    private readonly ThreadLocal<CtcGrammarDecoder> constrainedPerThread = new(() => new CtcGrammarDecoder(Labels, Blank));
    private readonly ThreadLocal<CtcGreedyDecoder> greedyPerThread = new(() => new CtcGreedyDecoder(Labels, Blank));

    private CtcGrammarDecoder Constrained => constrainedPerThread.Value!;

    private CtcGreedyDecoder Greedy => greedyPerThread.Value!;

    [Fact]
    public void Property_constrained_output_is_always_a_valid_plate_or_empty()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, int.MaxValue], Gen.Bool).Sample((timeSteps, seed, asLogits) =>
        {
            var random = new Random(seed);
            var scores = RandomProbabilities(timeSteps, ClassCount, random);
            if (asLogits)
            {
                scores = [.. scores.Select(p => MathF.Log(p) * 1.7f)];
            }

            var result = Constrained.Decode(scores, timeSteps);
            Assert.True(result.IsEmpty || PlateGrammar.IsValid(result.Text), $"'{result.Text}': {PlateGrammar.Parse(result.Text).Error}");
            Assert.True(result.IsEmpty || timeSteps >= 7);
            Assert.InRange(result.Confidence, 0f, 1f);
        }, iter: 1500);
    }

    [Fact]
    public void Property_constrained_equals_greedy_when_greedy_is_valid_and_confident()
    {
        Gen.Select(PlateGens.Valid, Gen.Int[0, int.MaxValue], Gen.Float[0.5f, 6f]).Sample((plate, seed, margin) =>
        {
            var random = new Random(seed);
            var frames = Alignment(Classes(plate), Blank, random);
            var logits = NoisyLogits(frames, ClassCount, margin, random);
            var best = Greedy.Decode(logits, frames.Length);
            Assert.Equal(plate, best.Text); // the margin makes the path the per-frame argmax
            var result = Constrained.Decode(logits, frames.Length);
            Assert.Equal(best.Text, result.Text);
            Assert.Equal(best.Confidence, result.Confidence, 5);
            Assert.Equal(best.Characters, result.Characters);
        }, iter: 1000);
    }

    [Fact]
    public void Property_one_hot_path_of_a_valid_plate_decodes_to_that_plate()
    {
        Gen.Select(PlateGens.Valid, Gen.Int[0, int.MaxValue]).Sample((plate, seed) =>
        {
            var frames = Alignment(Classes(plate), Blank, new Random(seed));
            var result = Constrained.Decode(OneHot(frames, ClassCount), frames.Length);
            Assert.Equal(plate, result.Text);
            Assert.Equal(1f, result.Confidence);
            Assert.All(result.Characters, c => Assert.Equal(1f, c.Confidence));
        }, iter: 1000);
    }

    [Fact]
    public void Property_whitespace_labels_are_ignored()
    {
        Gen.Select(PlateGens.Valid, Gen.Int[0, int.MaxValue], Gen.Int[1, 5]).Sample((plate, seed, paddingCount) =>
        {
            var random = new Random(seed);
            var frames = Alignment(Classes(plate), Blank, random);
            var scores = RandomNoiseAround(frames, random);

            // The same model with whitespace padding classes inserted at random places (near-zero scores).
            var padded = Labels.Labels.ToList();
            var positions = new List<int>();
            for (var k = 0; k < paddingCount; k++)
            {
                var at = random.Next(padded.Count + 1);
                padded.Insert(at, k % 2 == 0 ? " " : string.Empty);
                positions = [.. positions.Select(p => p >= at ? p + 1 : p), at];
            }

            var paddedLabels = PlateAlphabet.FromLabels(padded);
            var paddedScores = InsertColumns(scores, ClassCount, [.. positions.Order()], 1e-7f);
            var paddedDecoder = new CtcGrammarDecoder(paddedLabels, paddedLabels.Count);
            var paddedGreedy = new CtcGreedyDecoder(paddedLabels, paddedLabels.Count);
            var expected = Constrained.Decode(scores, frames.Length, CtcScoreKind.Probabilities);
            var actual = paddedDecoder.Decode(paddedScores, frames.Length, CtcScoreKind.Probabilities);
            Assert.Equal(expected.Text, actual.Text);
            Assert.Equal(expected.Confidence, actual.Confidence, 5);
            Assert.Equal(Greedy.Decode(scores, frames.Length).Text, paddedGreedy.Decode(paddedScores, frames.Length).Text);
        }, iter: 300);
    }

    [Fact]
    public void Fewer_frames_than_characters_gives_empty()
    {
        var frames = Classes("12가3456")[..6];
        Assert.True(Constrained.Decode(OneHot(frames, ClassCount), frames.Length).IsEmpty);
        var exact = Classes("12가3456");
        Assert.Equal("12가3456", Constrained.Decode(OneHot(exact, ClassCount), exact.Length).Text);
    }

    [Fact]
    public void Repeated_characters_need_a_blank_between_them()
    {
        // 7 frames cannot hold 12가1111 (three blanks needed between the four 1s).
        var tight = Classes("12가1111");
        Assert.True(Constrained.Decode(OneHot(tight, ClassCount), tight.Length).IsEmpty);
        int[] withBlanks = [.. Classes("12가1"), Blank, Labels.IndexOf("1"), Blank, Labels.IndexOf("1"), Blank, Labels.IndexOf("1")];
        Assert.Equal("12가1111", Constrained.Decode(OneHot(withBlanks, ClassCount), withBlanks.Length).Text);
    }

    [Fact]
    public void All_blank_gives_empty_instead_of_an_invented_plate()
    {
        var frames = Enumerable.Repeat(Blank, 30).ToArray();
        Assert.True(Constrained.Decode(OneHot(frames, ClassCount), frames.Length).IsEmpty);
        Assert.True(Greedy.Decode(OneHot(frames, ClassCount), frames.Length).IsEmpty);
    }

    [Fact]
    public void A_confusable_character_is_replaced_by_the_best_one_the_grammar_allows()
    {
        // Greedy reads 12가34오6 (오 beat 5 in the serial); the grammar needs a digit there, and 5 is the runner-up.
        var frames = Alignment(Classes("12가3456"), Blank, new Random(3));
        var scores = OneHot(frames, ClassCount);
        int five = Labels.IndexOf("5"), oh = Labels.IndexOf("오"), eight = Labels.IndexOf("8");
        for (var t = 0; t < frames.Length; t++)
        {
            if (frames[t] == five)
            {
                (scores[(t * ClassCount) + five], scores[(t * ClassCount) + oh], scores[(t * ClassCount) + eight]) = (0.35f, 0.55f, 0.1f);
            }
        }

        Assert.Equal("12가34오6", Greedy.Decode(scores, frames.Length).Text);
        var result = Constrained.Decode(scores, frames.Length);
        Assert.Equal("12가3456", result.Text);
        Assert.Equal(0.35f, result.Characters[5].Confidence, 5);
        Assert.Equal("5", result.Characters[5].Token);
    }

    [Fact]
    public void A_missing_character_is_restored_when_the_network_saw_it_faintly()
    {
        // Greedy reads 12가345 (a blank beat the last 6); only a 4-digit serial is valid.
        int[] frames = [.. Classes("12가345"), Blank, Blank];
        var scores = OneHot(frames, ClassCount);
        int six = Labels.IndexOf("6");
        var last = (frames.Length - 1) * ClassCount;
        (scores[last + Blank], scores[last + six]) = (0.8f, 0.2f);
        Assert.Equal("12가345", Greedy.Decode(scores, frames.Length).Text);
        Assert.Equal("12가3456", Constrained.Decode(scores, frames.Length).Text);
    }

    [Fact]
    public void Logits_probabilities_and_auto_detection_agree()
    {
        var random = new Random(11);
        var frames = Alignment(Classes("경기80배1234"), Blank, random);
        var logits = NoisyLogits(frames, ClassCount, 0.5f, random);
        var probabilities = Softmax(logits, ClassCount);
        Assert.Equal(CtcScoreKind.Logits, CtcScores.Resolve(logits, ClassCount, CtcScoreKind.Auto));
        Assert.Equal(CtcScoreKind.Probabilities, CtcScores.Resolve(probabilities, ClassCount, CtcScoreKind.Auto));
        var a = Constrained.Decode(logits, frames.Length);
        var b = Constrained.Decode(probabilities, frames.Length);
        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Confidence, b.Confidence, 4);
    }

    [Fact]
    public void Works_with_other_class_orders_and_blank_first()
    {
        var shuffled = Labels.Labels.OrderBy(l => l.GetHashCode(StringComparison.Ordinal)).ToList();
        shuffled.Insert(0, " "); // class 0 is the blank; its label is ignored
        var labels = PlateAlphabet.FromLabels(shuffled);
        var decoder = new CtcGrammarDecoder(labels, blankIndex: 0);
        var tokens = labels.Tokenize("대전99아0001").Select(labels.IndexOf).ToArray();
        var frames = Alignment(tokens, 0, new Random(5));
        Assert.Equal("대전99아0001", decoder.Decode(OneHot(frames, labels.Count), frames.Length).Text);
    }

    [Fact]
    public void Workspace_reuse_across_lengths_gives_the_same_answers()
    {
        var random = new Random(9);
        var longFrames = Alignment(Classes("서울12바3456"), Blank, random);
        longFrames = [.. longFrames, .. Enumerable.Repeat(Blank, 20)];
        var shortFrames = Classes("12가3456");
        var first = Constrained.Decode(OneHot(shortFrames, ClassCount), shortFrames.Length).Text;
        Assert.Equal("서울12바3456", Constrained.Decode(OneHot(longFrames, ClassCount), longFrames.Length).Text);
        Assert.Equal(first, Constrained.Decode(OneHot(shortFrames, ClassCount), shortFrames.Length).Text);
        Assert.Equal("12가3456", first);
    }

    private static float[] RandomNoiseAround(int[] frames, Random random)
    {
        var scores = RandomProbabilities(frames.Length, ClassCount, random);
        for (var t = 0; t < frames.Length; t++)
        {
            scores[(t * ClassCount) + frames[t]] += random.NextSingle() * 3f;
            var row = scores.AsSpan(t * ClassCount, ClassCount);
            var sum = 0f;
            foreach (var v in row)
            {
                sum += v;
            }

            for (var c = 0; c < row.Length; c++)
            {
                row[c] /= sum;
            }
        }

        return scores;
    }

    private static float[] InsertColumns(float[] scores, int classCount, int[] newColumnsInResult, float value)
    {
        var newCount = classCount + newColumnsInResult.Length;
        var timeSteps = scores.Length / classCount;
        var result = new float[timeSteps * newCount];
        for (var t = 0; t < timeSteps; t++)
        {
            var source = 0;
            for (var c = 0; c < newCount; c++)
            {
                result[(t * newCount) + c] = Array.BinarySearch(newColumnsInResult, c) >= 0 ? value : scores[(t * classCount) + source++];
            }
        }

        return result;
    }
}
