using Lpr.Training.Data;
using Lpr.Training.Losses;
using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>Exact match (greedy CTC) and mean plain CTC loss of a recognizer forward over labelled samples.</summary>
public static class RecognizerEvaluation
{
    /// <param name="forward">The network as evaluated: the float model, or its int8 simulation.</param>
    /// <param name="samples">Returns samples <c>start … start+count−1</c> of the evaluation set.</param>
    public static (double ExactMatch, double CtcLoss) Evaluate(
        Func<Tensor, RecognizerOutput> forward, Func<int, int, TrainingSample[]> samples, int count, RecognizerArchitecture architecture, FocalCtcLoss loss, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var noGrad = no_grad();
        int correct = 0, seen = 0;
        double ctcSum = 0;
        for (var start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var slice = samples(start, length);
            using var batch = TrainingBatch.Collate(slice, architecture.InputHeight, architecture.InputWidth, architecture.FeatureHeight, architecture.FeatureWidth);
            using var output = forward(batch.Images);
            ctcSum += loss.Plain(output.Logits, batch.Targets, batch.TargetLengths).item<float>() * length;
            var decoded = GreedyCtc.Decode(output.Logits, architecture.Blank);
            for (var i = 0; i < length; i++)
            {
                correct += decoded[i].AsSpan().SequenceEqual(slice[i].Tokens) ? 1 : 0;
            }

            seen += length;
        }

        return ((double)correct / seen, ctcSum / seen);
    }
}
