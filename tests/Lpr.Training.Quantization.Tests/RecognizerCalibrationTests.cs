using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

[Collection(SeededTorch.Name)]
public sealed class RecognizerCalibrationTests
{
    [Fact]
    public void Score_ranges_start_a_fixed_depth_below_the_lowest_row_peak_and_other_ranges_are_min_max()
    {
        // A trained recognizer on synthetic plates: a random one has no far tails to cut.
        using var model = CheckpointStore.LoadModel(RepoPaths.Combine("runs", "recognizer-polish", "best.weights"), RecognizerArchitecture.Default);
        model.eval();
        using var source = new SynthSampleSource(new SynthOptions(), seed: 43, LabelMap.Load(Path.Combine(RepoPaths.Models, "labels.txt")));
        var samples = RecognizerExport.RenderCalibration(source, 32);
        using var images = TrainingBatch.Collate(samples, 64, 128, 8, 16);
        var minMax = new ActivationRanges();
        var lowestPeak = new Dictionary<string, float>();
        using (no_grad())
        using (NewDisposeScope())
        {
            using var _ = FoldedRecognizer.From(model).Forward(images.Images, (name, value) =>
            {
                minMax.Observe(name, value);
                lowestPeak[name] = value.dim() >= 3 ? value.flatten(2).amax([-1]).min().item<float>() : float.NaN;
            });
        }

        var (_, ranges) = RecognizerExport.Calibrate(model, samples, batchSize: 32);

        Assert.Equal(minMax.All.Keys.Order(), ranges.All.Keys.Order());
        foreach (var (name, (min, max)) in minMax.All)
        {
            var expectedMin = RecognizerExport.ScoreTensors.Contains(name) ? Math.Max(min, lowestPeak[name] - RecognizerExport.ScoreDepth) : min;
            Assert.Equal((expectedMin, max), ranges[name]);
        }

        Assert.True(RecognizerExport.ScoreTensors.Any(name => ranges[name].Min > minMax[name].Min), "no score tensor had a tail to cut on these crops");
    }
}
