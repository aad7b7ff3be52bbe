using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.Synth;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.Vision.Recognition;

namespace Lpr.Vision.Tests.Recognition;

/// <summary>
/// The shipped recognizer and detector on crops framed looser than the recognizer was trained on
/// (<c>scripts/loose-crops-synth.json</c>, the framing of crops other cutters make): the detector must find the plate
/// inside such a crop, and reading the crop reframed along it must read more of them exactly than reading them as cut.
/// </summary>
public sealed class ReframingPlateRecognizerTests : IDisposable
{
    private static readonly EngineOptions Managed = new() { Backend = InferenceBackend.Managed };
    private readonly PlateSampleGenerator looseCrops = new(SynthConfig.Load(RepoPaths.Combine("scripts", "loose-crops-synth.json")), 7373, FontLibrary.Load(new FontOptions()));

    public void Dispose() => looseCrops.Dispose();

    [Fact]
    public void The_detector_finds_the_plate_inside_loose_crops()
    {
        using var reframing = Open();
        const int Crops = 40;
        double sum = 0;
        var found = 0;
        for (var i = 0; i < Crops; i++)
        {
            var sample = looseCrops.Generate(i);
            var iou = reframing.Locate(sample.Image) is { } corners ? corners.Bounds().IntersectionOverUnion(sample.PlateCorners.Bounds()) : 0;
            sum += iou;
            found += iou >= 0.5 ? 1 : 0;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{found} of {Crops} plates found at IoU 0.5, mean IoU {sum / Crops:0.000}");
        Assert.True(found >= Crops * 9 / 10, $"found {found} of {Crops} plates at IoU 0.5");
    }

    [Fact]
    public void Loose_crops_read_reframed_are_read_exactly_more_often_than_as_cut()
    {
        using var asCut = TfLitePlateRecognizer.Open(RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite"), Managed);
        using var reframing = Open();
        const int Crops = 150;
        int exactAsCut = 0, exactReframed = 0;
        for (var i = 0; i < Crops; i++)
        {
            var sample = looseCrops.Generate(1000 + i);
            exactAsCut += asCut.Recognize(sample.Image).Text == sample.Text ? 1 : 0;
            exactReframed += reframing.Recognize(sample.Image).Text == sample.Text ? 1 : 0;
        }

        var (reframed, taken) = reframing.Counts;
        TestContext.Current.TestOutputHelper?.WriteLine($"exact as cut {exactAsCut} of {Crops}, reframed {exactReframed} ({reframed} reframed, {taken} taken)");
        Assert.True(exactReframed >= exactAsCut + (Crops / 50), $"exact as cut {exactAsCut} of {Crops}, with reframing {exactReframed}");
        Assert.InRange(taken, 1, reframed);
    }

    [Fact]
    public void A_crop_read_surely_as_cut_is_not_reframed()
    {
        using var asCut = TfLitePlateRecognizer.Open(RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite"), Managed);
        using var reframing = Open();
        var sure = Enumerable.Range(0, 50).Select(i => looseCrops.Generate(2000 + i).Image)
            .First(crop => asCut.Recognize(crop) is { Valid: true } reading && reading.Confidence >= ReframingPlateRecognizer.SureConfidence);

        var reading = reframing.Recognize(sure);

        Assert.Equal(asCut.Recognize(sure), reading, PlateReadingComparer);
        Assert.Equal((0, 0), reframing.Counts);
    }

    private static readonly IEqualityComparer<PlateReading> PlateReadingComparer =
        EqualityComparer<PlateReading>.Create((a, b) => a!.Text == b!.Text && a.Confidence == b.Confidence && a.Characters.SequenceEqual(b.Characters));

    private static ReframingPlateRecognizer Open() =>
        new(TfLitePlateRecognizer.Open(RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite"), Managed),
            TfLitePlateDetector.Open(RepoPaths.Combine("models", "kr-plate-detector-int8.tflite"), Managed));
}
