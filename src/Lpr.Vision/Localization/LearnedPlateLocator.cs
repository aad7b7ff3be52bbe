using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.TfLite;

namespace Lpr.Vision.Localization;

/// <summary>
/// The learned locator: a CenterNet-style int8 detector (<see cref="TfLitePlateDetector"/>, managed
/// resize and decoding on any inference backend) gives plate quadrilaterals and scores; greedy NMS
/// thins them; each kept plate is warped flat along its corners (<see cref="PlateRectifier"/>, with the
/// recognizer's margin unless <see cref="LearnedLocatorOptions.LooseCrop"/> is off), so a tilted or
/// foreshortened plate, one-row or two-row, reaches the recognizer as an upright crop. Nothing here
/// needs OpenCV: the warp is OpenCV's where it loads and managed elsewhere.
/// One instance per pipeline worker (not thread-safe).
/// </summary>
public sealed class LearnedPlateLocator : IPlateLocator, IDisposable
{
    private const int MinSide = 2;

    private readonly TfLitePlateDetector detector;
    private readonly bool ownsDetector;
    private readonly LearnedLocatorOptions options;
    private readonly List<PlateDetection> found = [];

    public LearnedPlateLocator(TfLitePlateDetector detector, LearnedLocatorOptions? options = null, bool ownsDetector = true)
    {
        ArgumentNullException.ThrowIfNull(detector);
        this.options = (options ?? new LearnedLocatorOptions()).Validate();
        this.detector = detector;
        this.ownsDetector = ownsDetector;
        if (this.options.MinScore is { } minScore)
        {
            detector.Threshold = minScore;
        }
    }

    public string Name => "learned";

    public LearnedLocatorOptions Options => options;

    public TfLitePlateDetector Detector => detector;

    /// <summary>Opens a detector model (and its descriptor, MODEL.json beside it unless given) on the backend of <paramref name="engine"/>.</summary>
    public static LearnedPlateLocator Open(string modelPath, EngineOptions? engine = null, string? descriptorPath = null, LearnedLocatorOptions? options = null)
    {
        var detector = TfLitePlateDetector.Open(modelPath, engine, descriptorPath);
        try
        {
            return new LearnedPlateLocator(detector, options);
        }
        catch
        {
            detector.Dispose();
            throw;
        }
    }

    public IReadOnlyList<PlateCandidate> Locate(PixelImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        found.Clear();
        foreach (var detection in detector.Detect(frame))
        {
            if (IsPlausible(detection.Corners))
            {
                found.Add(detection);
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var kept = NonMaximumSuppression.Apply(found, d => d.Corners.Bounds(), d => d.Score, options.NmsIou, options.MaxCandidates);
        var result = new PlateCandidate[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var corners = kept[i].Corners;
            var crop = options.LooseCrop ? PlateRectifier.RecognizerCrop(frame, corners, options.CropHeight) : PlateRectifier.Rectify(frame, corners, options.CropHeight);
            result[i] = new PlateCandidate(corners, kept[i].Score, crop);
        }

        return result;
    }

    /// <summary>
    /// A quad a plate can have: at least <see cref="MinSide"/> pixels each way and convex in reading
    /// order (TL → TR → BR → BL turns the same way at every corner). An untrained head, or a plate cut by
    /// the frame edge whose corners were clamped onto it, can give a collapsed or crossed quad, which has
    /// no perspective transform to rectify.
    /// </summary>
    internal static bool IsPlausible(Quad q)
    {
        var box = q.Bounds();
        return box.Width >= MinSide && box.Height >= MinSide
            && Turn(q.TopLeft, q.TopRight, q.BottomRight) > 0 && Turn(q.TopRight, q.BottomRight, q.BottomLeft) > 0
            && Turn(q.BottomRight, q.BottomLeft, q.TopLeft) > 0 && Turn(q.BottomLeft, q.TopLeft, q.TopRight) > 0;
    }

    /// <summary>The z of (b − a) × (c − b): positive for a clockwise turn on screen (y pointing down).</summary>
    private static float Turn(PointF32 a, PointF32 b, PointF32 c) => ((b.X - a.X) * (c.Y - b.Y)) - ((b.Y - a.Y) * (c.X - b.X));

    public void Dispose()
    {
        if (ownsDetector)
        {
            detector.Dispose();
        }
    }
}
