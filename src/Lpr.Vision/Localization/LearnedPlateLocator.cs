using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.TfLite;

namespace Lpr.Vision.Localization;

/// <summary>
/// The learned locator: a CenterNet-style int8 detector (<see cref="TfLitePlateDetector"/>, managed
/// resize and decoding on any inference backend) gives plate quadrilaterals and scores; greedy NMS
/// thins them; each kept plate is warped flat along its corners (<see cref="PlateRectifier"/>, with the
/// recognizer's margin unless <see cref="LearnedLocatorOptions.LooseCrop"/> is off), so a tilted or
/// foreshortened plate, one-row or two-row, reaches the recognizer as an upright crop. A small plate gets a second
/// look (<see cref="LearnedLocatorOptions.RefineBelowWidth"/>): the detector's input covers a 720p frame at a quarter
/// of its resolution, so a plate 60 px wide is 15 input pixels and its corners are a few frame pixels off; run again
/// on a window around it, where the plate is <see cref="SecondLookPlateWidth"/> input pixels wide, the detector gives
/// corners that fit, and the crop the recognizer reads is the plate, not a band beside it. Nothing here
/// needs OpenCV: the warp is OpenCV's where it loads and managed elsewhere.
/// One instance per pipeline worker (not thread-safe).
/// </summary>
public sealed class LearnedPlateLocator : IPlateLocator, IDisposable
{
    private const int MinSide = 2;

    /// <summary>How wide (input pixels) a small plate is in the second look: mid-range of the training scenes' plates.</summary>
    public const int SecondLookPlateWidth = 64;

    /// <summary>Overlap the second look's plate must have with the first look's to be taken as the same plate.</summary>
    private const double SamePlateIou = 0.3;

    private readonly TfLitePlateDetector detector;
    private readonly bool ownsDetector;
    private readonly LearnedLocatorOptions options;
    private readonly List<PlateDetection> found = [];
    private TfLitePlateDetector? secondLook;

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
            if (corners.Bounds().Width < options.RefineBelowWidth)
            {
                corners = LookAgain(frame, corners);
            }

            var crop = options.LooseCrop ? PlateRectifier.RecognizerCrop(frame, corners, options.CropHeight) : PlateRectifier.Rectify(frame, corners, options.CropHeight);
            result[i] = new PlateCandidate(corners, kept[i].Score, crop);
        }

        return result;
    }

    /// <summary>
    /// The corners of the plate first seen at <paramref name="corners"/>, from the detector run on a window of the frame
    /// around it scaled so the plate is <see cref="SecondLookPlateWidth"/> input pixels wide; the first look's corners
    /// when the frame is too small for a closer look or the second look does not find the same plate.
    /// </summary>
    private Quad LookAgain(PixelImage frame, Quad corners)
    {
        var box = corners.Bounds();
        var (inputWidth, inputHeight) = detector.InputSize;
        var windowWidth = (int)MathF.Round(Math.Max(1, box.Width) * inputWidth / (float)SecondLookPlateWidth);
        var windowHeight = (int)MathF.Round(windowWidth * inputHeight / (float)inputWidth);
        if (windowWidth >= frame.Width || windowHeight >= frame.Height)
        {
            return corners;
        }

        var left = Math.Clamp(box.X + (box.Width / 2) - (windowWidth / 2), 0, frame.Width - windowWidth);
        var top = Math.Clamp(box.Y + (box.Height / 2) - (windowHeight / 2), 0, frame.Height - windowHeight);
        var view = PlateRectifier.Window(frame, new PixelRect(left, top, windowWidth, windowHeight), inputWidth, inputHeight);
        secondLook ??= detector.ShareEngine();
        var (scaleX, scaleY) = (windowWidth / (float)inputWidth, windowHeight / (float)inputHeight);
        PointF32 ToFrame(PointF32 p) => new(left + (p.X * scaleX), top + (p.Y * scaleY));
        var best = corners;
        var bestIou = SamePlateIou;
        foreach (var detection in secondLook.Detect(view))
        {
            var q = detection.Corners;
            var mapped = new Quad(ToFrame(q.TopLeft), ToFrame(q.TopRight), ToFrame(q.BottomRight), ToFrame(q.BottomLeft));
            var iou = mapped.Bounds().IntersectionOverUnion(box);
            if (iou > bestIou && IsPlausible(mapped))
            {
                (best, bestIou) = (mapped, iou);
            }
        }

        return best;
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
        secondLook?.Dispose();
        if (ownsDetector)
        {
            detector.Dispose();
        }
    }
}
