using Lpr.Core.Decoding;
using static Lpr.Core.Tests.Decoding.CtcMatrices;

namespace Lpr.Core.Tests.Decoding;

/// <summary>The decoders run per crop in the daemon: after warm-up they allocate only their result.</summary>
public class CtcAllocationTests
{
    // The result of an 8-character plate: record, string, array of 8 entries, list wrapper — well under 1 KB.
    private const long ResultBudgetBytes = 1024;

    [Fact]
    public void Constrained_decoder_reuses_its_workspace()
    {
        var decoder = new CtcGrammarDecoder(Labels, Blank);
        var frames = Alignment(Classes("서울12바3456"), Blank, new Random(1));
        frames = [.. frames, .. Enumerable.Repeat(Blank, 32 - frames.Length)];
        var logits = NoisyLogits(frames, ClassCount, 2f, new Random(2));
        Assert.Equal("서울12바3456", decoder.Decode(logits, frames.Length).Text);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(logits, frames.Length);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 1, ResultBudgetBytes);
        Assert.Equal("서울12바3456", result.Text);
    }

    [Fact]
    public void Greedy_decoder_allocates_only_the_result()
    {
        var decoder = new CtcGreedyDecoder(Labels, Blank);
        var frames = Alignment(Classes("123가4567"), Blank, new Random(3));
        var scores = OneHot(frames, ClassCount);
        decoder.Decode(scores, frames.Length);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(scores, frames.Length);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 1, ResultBudgetBytes);
        Assert.Equal("123가4567", result.Text);
    }
}
