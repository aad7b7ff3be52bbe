using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Losses;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using Lpr.Training.Quantization;

namespace Lpr.Training.Tests;

[Collection(SeededTorch.Name)]
public sealed class QuantizationAwareTrainingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-qat-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_quantization_aware_fine_tune_validates_the_int8_model_its_best_weights_export_to()
    {
        var options = RecognizerSmoke.Options(80);
        var (train, validation) = RecognizerSmoke.Glyphs(options);
        var baseRun = new RecognizerTrainer(options, train, validation, directory);
        var baseLosses = new List<double>();
        baseRun.Run(resume: false, new SynchronousProgress<TrainingProgress>(p => baseLosses.Add(p.Loss)), TestContext.Current.CancellationToken);
        var qat = options with { Steps = 20, ValidateEvery = 10, InitialWeights = baseRun.Store.BestWeights, Seed = 2, QuantizationAware = true, CalibrationSamples = 64 };
        var calibration = new GlyphPatternSource(67, 99);
        var qatLosses = new List<double>();

        var trainer = new RecognizerTrainer(qat, train, validation, Path.Combine(directory, "qat"), calibrationSource: calibration);
        var result = trainer.Run(resume: false, new SynchronousProgress<TrainingProgress>(p => qatLosses.Add(p.Loss)), TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        FineTuneAssert.StartsFromTrainedWeights(baseLosses, qatLosses);
        using var initial = CheckpointStore.LoadModel(baseRun.Store.BestWeights, RecognizerArchitecture.Tiny);
        using var best = CheckpointStore.LoadModel(trainer.Store.BestWeights, RecognizerArchitecture.Tiny);
        // BatchNorm stays frozen: the statistics the export folds are the ones the run trained against.
        foreach (var ((name, before), (_, after)) in initial.named_buffers().Zip(best.named_buffers()))
        {
            Assert.True(before.allclose(after, rtol: 0, atol: 0), $"buffer {name} changed during quantization-aware training");
        }

        // The run validated exactly what an export of its best weights computes: ranges calibrated the export's way.
        var (_, ranges) = RecognizerExport.Calibrate(best, calibration, qat.CalibrationSamples);
        var exported = RecognizerEvaluation.Evaluate(
            new QuantizationAwareRecognizer(best, ranges).Forward, (start, count) => [.. Enumerable.Range(start, count).Select(i => validation.Create(i))],
            qat.ValidationSamples, RecognizerArchitecture.Tiny, new FocalCtcLoss(RecognizerArchitecture.Tiny.Blank, qat.FocalAlpha, qat.FocalGamma), qat.BatchSize);
        var validated = result.State.ValidationHistory.Single(v => v.Step == result.State.BestStep);
        Assert.Equal(validated.ExactMatch, exported.ExactMatch);
        Assert.Equal(validated.CtcLoss, exported.CtcLoss, 4);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
