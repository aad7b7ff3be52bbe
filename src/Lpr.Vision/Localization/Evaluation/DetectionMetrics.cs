using Lpr.Core.Imaging;

namespace Lpr.Vision.Localization.Evaluation;

/// <summary>
/// Detection quality at one IoU threshold (0.5 by default, the PASCAL VOC convention): every
/// detection, best score first, matches the unmatched labelled box it overlaps most if that IoU
/// reaches the threshold; unmatched detections are false positives, unmatched boxes misses.
/// </summary>
public sealed class DetectionMetrics(double iouThreshold = 0.5)
{
    private readonly List<(float Score, bool TruePositive)> detections = [];

    public double IouThreshold { get; } = iouThreshold;

    public int Frames { get; private set; }

    public int LabelledPlates { get; private set; }

    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int Misses => LabelledPlates - TruePositives;

    public double Recall => LabelledPlates == 0 ? 1 : TruePositives / (double)LabelledPlates;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>
    /// Adds one frame's labelled boxes and detections (box and score); returns, for each detection in the order
    /// given, the index of the labelled box it matched, or -1 for a false positive (to compare what was read there).
    /// </summary>
    public IReadOnlyList<int> Add(IReadOnlyList<PixelRect> labelled, IReadOnlyList<(PixelRect Box, float Score)> detected)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(detected);
        Frames++;
        LabelledPlates += labelled.Count;
        var taken = new bool[labelled.Count];
        var matches = new int[detected.Count];
        foreach (var d in Enumerable.Range(0, detected.Count).OrderByDescending(d => detected[d].Score))
        {
            var (box, score) = detected[d];
            var best = -1;
            var bestIou = IouThreshold;
            for (var i = 0; i < labelled.Count; i++)
            {
                var iou = labelled[i].IntersectionOverUnion(box);
                if (!taken[i] && iou >= bestIou)
                {
                    best = i;
                    bestIou = iou;
                }
            }

            if (best >= 0)
            {
                taken[best] = true;
                TruePositives++;
            }
            else
            {
                FalsePositives++;
            }

            matches[d] = best;
            detections.Add((score, best >= 0));
        }

        return matches;
    }

    /// <summary>
    /// Average precision: the area under the precision–recall curve over all detections ranked by
    /// score, with precision made monotone (the all-points interpolation of VOC 2010+).
    /// </summary>
    public double AveragePrecision()
    {
        if (LabelledPlates == 0)
        {
            return detections.Count == 0 ? 1 : 0;
        }

        var ranked = detections.OrderByDescending(d => d.Score).ToArray();
        var recall = new double[ranked.Length];
        var precision = new double[ranked.Length];
        int tp = 0, fp = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            if (ranked[i].TruePositive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            recall[i] = tp / (double)LabelledPlates;
            precision[i] = tp / (double)(tp + fp);
        }

        for (var i = ranked.Length - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        double area = 0, previousRecall = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            area += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }

        return area;
    }
}
