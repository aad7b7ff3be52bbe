using Lpr.Core.Imaging;

namespace Lpr.Vision.Localization;

/// <summary>Greedy non-maximum suppression: keep the best-scoring box, drop others overlapping it beyond a threshold, repeat.</summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<T> Apply<T>(IEnumerable<T> items, Func<T, PixelRect> box, Func<T, float> score, double maxIou, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(score);
        var kept = new List<T>();
        foreach (var item in items.OrderByDescending(score))
        {
            if (kept.Count >= maxCount)
            {
                break;
            }

            var b = box(item);
            if (kept.TrueForAll(k => box(k).IntersectionOverUnion(b) <= maxIou))
            {
                kept.Add(item);
            }
        }

        return kept;
    }
}
