using Lpr.Core.Imaging;

namespace Lpr.Vision.Localization.Evaluation;

/// <summary>
/// Detection quality at one IoU threshold (0.5 by default, the PASCAL VOC convention): every
/// detection, best score first, matches the unmatched labelled box it overlaps most if that IoU
/// reaches the threshold; unmatched detections are false positives, unmatched boxes misses. Plates a label
/// set marks as partly hidden are neither: a detection lying mostly on one (half its area or more, COCO's
/// rule for its crowd regions) is left out of every count, and missing one costs nothing.
/// </summary>
public sealed class DetectionMetrics(double iouThreshold = 0.5)
{
    private readonly List<(float Score, bool TruePositive)> detections = [];

    public double IouThreshold { get; } = iouThreshold;

    public int Frames { get; private set; }

    public int LabelledPlates { get; private set; }

    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    /// <summary>Detections that matched no labelled plate but lay on a partly hidden one (not counted as false positives).</summary>
    public int Ignored { get; private set; }

    public int Misses => LabelledPlates - TruePositives;

    public double Recall => LabelledPlates == 0 ? 1 : TruePositives / (double)LabelledPlates;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>What <see cref="Add"/> returns for a detection on a partly hidden plate.</summary>
    public const int OnIgnoredPlate = -2;

    /// <summary>
    /// Adds one frame's labelled boxes, detections (box and score) and partly hidden plates; returns, for each
    /// detection in the order given, the index of the labelled box it matched, -1 for a false positive, or
    /// <see cref="OnIgnoredPlate"/> (to compare what was read there).
    /// </summary>
    public IReadOnlyList<int> Add(IReadOnlyList<PixelRect> labelled, IReadOnlyList<(PixelRect Box, float Score)> detected, IReadOnlyList<PixelRect>? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(detected);
        ignored ??= [];
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

            if (best < 0 && ignored.Any(region => MostlyInside(box, region)))
            {
                Ignored++;
                matches[d] = OnIgnoredPlate;
                continue;
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

    /// <summary>Whether at least half of <paramref name="box"/>'s area lies in <paramref name="region"/>.</summary>
    private static bool MostlyInside(PixelRect box, PixelRect region)
    {
        var width = Math.Min(box.Right, region.Right) - Math.Max(box.X, region.X);
        var height = Math.Min(box.Bottom, region.Bottom) - Math.Max(box.Y, region.Y);
        return width > 0 && height > 0 && 2L * width * height >= (long)box.Width * box.Height;
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
