using Lpr.Core.Imaging;
using Lpr.Vision.Localization.Evaluation;

namespace Lpr.Vision.Tests.Localization;

public sealed class DetectionEvaluationTests
{
    [Fact]
    public void CountsMatchesFalsePositivesAndMissesAtIou05()
    {
        var metrics = new DetectionMetrics();
        PixelRect[] labelled = [new(0, 0, 100, 20), new(200, 0, 100, 20)];

        // One good hit, one duplicate of it (false positive), one box too far off (IoU < 0.5), second plate missed.
        var matches = metrics.Add(labelled, [(new PixelRect(0, 1, 100, 20), 0.8f), (new PixelRect(2, 0, 100, 20), 0.9f), (new PixelRect(260, 0, 100, 20), 0.7f)]);
        metrics.Add([], [(new PixelRect(10, 10, 50, 10), 0.2f)]);

        // Matches come back in the order given: the best-scored hit took the first plate, its duplicate nothing.
        Assert.Equal([-1, 0, -1], matches);

        Assert.Equal(2, metrics.Frames);
        Assert.Equal(2, metrics.LabelledPlates);
        Assert.Equal(1, metrics.TruePositives);
        Assert.Equal(3, metrics.FalsePositives);
        Assert.Equal(1, metrics.Misses);
        Assert.Equal(0.5, metrics.Recall, 6);
        Assert.Equal(0.25, metrics.Precision, 6);

        // Ranked TP, FP, FP, FP: the only recall step is 0 → 0.5 at precision 1.
        Assert.Equal(0.5, metrics.AveragePrecision(), 6);
    }

    [Fact]
    public void A_partly_hidden_plate_is_neither_demanded_nor_a_false_positive_where_found()
    {
        var metrics = new DetectionMetrics();
        PixelRect[] labelled = [new(0, 0, 100, 20)];
        PixelRect[] hidden = [new(200, 0, 100, 20), new(400, 0, 100, 20)];

        // The plate found; a box on the visible left half of the first hidden plate (all its area inside it); a box
        // straddling the second hidden plate's edge with only a third of its area on it; a box on nothing.
        var matches = metrics.Add(
            labelled,
            [(labelled[0], 0.9f), (new PixelRect(200, 0, 50, 20), 0.8f), (new PixelRect(480, 0, 60, 20), 0.7f), (new PixelRect(700, 0, 50, 10), 0.6f)],
            hidden);

        Assert.Equal([0, DetectionMetrics.OnIgnoredPlate, -1, -1], matches);
        Assert.Equal(1, metrics.LabelledPlates);
        Assert.Equal(1, metrics.TruePositives);
        Assert.Equal(2, metrics.FalsePositives);
        Assert.Equal(1, metrics.Ignored);
        Assert.Equal(1.0, metrics.Recall, 6); // the second hidden plate, never found, costs nothing
        Assert.Equal(1.0 / 3, metrics.Precision, 6);
    }

    [Fact]
    public void AveragePrecisionRewardsRankingHitsFirst()
    {
        PixelRect[] labelled = [new(0, 0, 100, 20), new(200, 0, 100, 20)];
        var good = new DetectionMetrics();
        good.Add(labelled, [(labelled[0], 0.9f), (labelled[1], 0.8f), (new PixelRect(500, 0, 50, 10), 0.1f)]);
        var bad = new DetectionMetrics();
        bad.Add(labelled, [(labelled[0], 0.5f), (labelled[1], 0.4f), (new PixelRect(500, 0, 50, 10), 0.9f)]);

        Assert.Equal(1.0, good.AveragePrecision(), 6);
        Assert.Equal(2.0 / 3, bad.AveragePrecision(), 6);
        Assert.Equal(good.Recall, bad.Recall);
    }

    [Fact]
    public void LabelSetReadsSceneLabelsAndKeepsFramesWithoutPlates()
    {
        var dir = Directory.CreateTempSubdirectory("lpr-F-labels-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "frame_0000.jpg"), [1]);
            File.WriteAllBytes(Path.Combine(dir, "frame_0001.jpg"), [1]);
            File.WriteAllText(Path.Combine(dir, "labels.tsv"), "frame_0000.jpg\t12가3456\t10,20,100,22\nframe_0000.jpg\t34나5678\t300,20,90,20\n");

            var set = BoxLabelSet.Load(dir);

            Assert.Equal(["frame_0000.jpg", "frame_0001.jpg"], set.Frames.Select(f => f.File));
            Assert.Equal([new PixelRect(10, 20, 100, 22), new PixelRect(300, 20, 90, 20)], set.Frames[0].Boxes);
            Assert.Equal(["12가3456", "34나5678"], set.Frames[0].Texts);
            Assert.Empty(set.Frames[1].Boxes);
            Assert.Empty(set.Frames[1].Texts);
            Assert.Empty(set.Frames[0].PartlyHidden);

            File.AppendAllText(Path.Combine(dir, "labels.tsv"), "frame_0001.jpg\t56다7890\t5,5,80,20\tpartly-hidden\n");
            var withHidden = BoxLabelSet.Load(dir);
            Assert.Empty(withHidden.Frames[1].Boxes);
            Assert.Equal([new PixelRect(5, 5, 80, 20)], withHidden.Frames[1].PartlyHidden);

            File.WriteAllText(Path.Combine(dir, "labels.tsv"), "frame_0000.jpg\t12가3456\t10,20,100,22\thidden\n");
            var unknownField = Assert.Throws<FormatException>(() => BoxLabelSet.Load(dir));
            Assert.Contains("partly-hidden", unknownField.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "labels.tsv"), "frame_0000.jpg\t12가3456\t10,20,-5,22\n");
            var e = Assert.Throws<FormatException>(() => BoxLabelSet.Load(dir));
            Assert.Contains("labels.tsv:1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
