using System.Runtime.InteropServices;
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
/// corners that fit, and the crop the recognizer reads is the plate, not a band beside it. Two to four small plates
/// share one second look, each in a quarter of the input, so a frame of several small plates costs two detector runs,
/// not one per plate. Nothing here
/// needs OpenCV: the warp is OpenCV's where it loads and managed elsewhere.
/// One instance per pipeline worker (not thread-safe).
/// </summary>
public sealed class LearnedPlateLocator : IPlateLocator, IDisposable
{
    /// <summary>How wide (input pixels) a small plate is in the second look: mid-range of the training scenes' plates.</summary>
    public const int SecondLookPlateWidth = 64;

    /// <summary>Small plates one second-look run can take together, each in a quarter of the input.</summary>
    private const int MosaicTiles = 4;

    /// <summary>
    /// How wide (input pixels) a small plate is in a quarter-input tile of the shared second look: narrower than
    /// <see cref="SecondLookPlateWidth"/> so that the tile shows as much around it (a 64-px plate in a tile has half
    /// the context; on 16 scenes of small plates its boxes fitted worse, mean IoU 0.81 against 0.83 at 48 px).
    /// </summary>
    private const int MosaicPlateWidth = 48;

    /// <summary>Overlap the second look's plate must have with the first look's to be taken as the same plate.</summary>
    private const double SamePlateIou = 0.3;

    private readonly TfLitePlateDetector detector;
    private readonly bool ownsDetector;
    private readonly LearnedLocatorOptions options;
    private readonly List<PlateDetection> found = [];
    private readonly List<int> small = [];
    private TfLitePlateDetector? secondLook;
    private PixelImage? mosaic;

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
            if (PlateQuads.IsPlausible(detection.Corners))
            {
                found.Add(detection);
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var kept = NonMaximumSuppression.Apply(found, d => d.Corners.Bounds(), d => d.Score, options.NmsIou, options.MaxCandidates);
        var corners = new Quad[kept.Count];
        small.Clear();
        for (var i = 0; i < kept.Count; i++)
        {
            corners[i] = kept[i].Corners;
            if (corners[i].Bounds().Width < options.RefineBelowWidth)
            {
                small.Add(i);
            }
        }

        if (small.Count == 1)
        {
            corners[small[0]] = LookAgain(frame, corners[small[0]]);
        }
        else
        {
            for (var first = 0; first < small.Count; first += MosaicTiles)
            {
                LookAgainTogether(frame, corners, CollectionsMarshal.AsSpan(small).Slice(first, Math.Min(MosaicTiles, small.Count - first)));
            }
        }

        var result = new PlateCandidate[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var crop = options.LooseCrop ? PlateRectifier.RecognizerCrop(frame, corners[i], options.CropHeight) : PlateRectifier.Rectify(frame, corners[i], options.CropHeight);
            result[i] = new PlateCandidate(corners[i], kept[i].Score, crop);
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
        var (inputWidth, inputHeight) = detector.InputSize;
        if (CloseWindow(frame, corners, inputWidth, inputHeight, SecondLookPlateWidth) is not { } window)
        {
            return corners;
        }

        var view = PlateRectifier.Window(frame, window, inputWidth, inputHeight);
        secondLook ??= detector.ShareEngine();
        return SamePlate(secondLook.Detect(view), corners, window, new PixelRect(0, 0, inputWidth, inputHeight));
    }

    /// <summary>
    /// The second look at two to four small plates in one detector run: the window around each fills a quarter of
    /// the input (the plate <see cref="MosaicPlateWidth"/> input pixels wide), and each tile's detections are matched to
    /// its own plate. One detector run instead of one per plate, for a little less context around each.
    /// </summary>
    private void LookAgainTogether(PixelImage frame, Quad[] corners, ReadOnlySpan<int> plates)
    {
        var (inputWidth, inputHeight) = detector.InputSize;
        var (tileWidth, tileHeight) = (inputWidth / 2, inputHeight / 2);
        mosaic ??= PixelImage.CreateGray(inputWidth, inputHeight);
        Array.Clear(mosaic.Data);
        Span<PixelRect> windows = stackalloc PixelRect[MosaicTiles];
        Span<bool> looked = stackalloc bool[MosaicTiles];
        for (var t = 0; t < plates.Length; t++)
        {
            if (CloseWindow(frame, corners[plates[t]], tileWidth, tileHeight, MosaicPlateWidth) is not { } window)
            {
                continue;
            }

            (windows[t], looked[t]) = (window, true);
            var tile = PlateRectifier.Window(frame, window, tileWidth, tileHeight);
            var (left, top) = (t % 2 * tileWidth, t / 2 * tileHeight);
            for (var y = 0; y < tileHeight; y++)
            {
                tile.Data.AsSpan(y * tileWidth, tileWidth).CopyTo(mosaic.Data.AsSpan(((top + y) * inputWidth) + left, tileWidth));
            }
        }

        secondLook ??= detector.ShareEngine();
        var detections = secondLook.Detect(mosaic);
        for (var t = 0; t < plates.Length; t++)
        {
            if (looked[t])
            {
                var tile = new PixelRect(t % 2 * tileWidth, t / 2 * tileHeight, tileWidth, tileHeight);
                corners[plates[t]] = SamePlate(detections, corners[plates[t]], windows[t], tile);
            }
        }
    }

    /// <summary>
    /// The frame window around a plate scaled so that, resampled to <paramref name="width"/> x <paramref name="height"/>,
    /// the plate is <paramref name="plateWidth"/> pixels wide; null when the frame is too small for a closer look.
    /// </summary>
    private static PixelRect? CloseWindow(PixelImage frame, Quad corners, int width, int height, int plateWidth)
    {
        var box = corners.Bounds();
        var windowWidth = (int)MathF.Round(Math.Max(1, box.Width) * width / (float)plateWidth);
        var windowHeight = (int)MathF.Round(windowWidth * height / (float)width);
        if (windowWidth >= frame.Width || windowHeight >= frame.Height)
        {
            return null;
        }

        var left = Math.Clamp(box.X + (box.Width / 2) - (windowWidth / 2), 0, frame.Width - windowWidth);
        var top = Math.Clamp(box.Y + (box.Height / 2) - (windowHeight / 2), 0, frame.Height - windowHeight);
        return new PixelRect(left, top, windowWidth, windowHeight);
    }

    /// <summary>
    /// The corners, in frame pixels, of the detection centred in <paramref name="tile"/> (input pixels showing
    /// <paramref name="window"/> of the frame) that overlaps the first look's plate most, or the first look's corners.
    /// </summary>
    private static Quad SamePlate(ReadOnlySpan<PlateDetection> detections, Quad corners, PixelRect window, PixelRect tile)
    {
        var box = corners.Bounds();
        var (scaleX, scaleY) = (window.Width / (float)tile.Width, window.Height / (float)tile.Height);
        PointF32 ToFrame(PointF32 p) => new(window.X + ((p.X - tile.X) * scaleX), window.Y + ((p.Y - tile.Y) * scaleY));
        var best = corners;
        var bestIou = SamePlateIou;
        foreach (var detection in detections)
        {
            var q = detection.Corners;
            var centre = q.Bounds();
            var (cx, cy) = (centre.X + (centre.Width / 2), centre.Y + (centre.Height / 2));
            if (cx < tile.X || cx >= tile.X + tile.Width || cy < tile.Y || cy >= tile.Y + tile.Height)
            {
                continue;
            }

            var mapped = new Quad(ToFrame(q.TopLeft), ToFrame(q.TopRight), ToFrame(q.BottomRight), ToFrame(q.BottomLeft));
            var iou = mapped.Bounds().IntersectionOverUnion(box);
            if (iou > bestIou && PlateQuads.IsPlausible(mapped))
            {
                (best, bestIou) = (mapped, iou);
            }
        }

        return best;
    }

    public void Dispose()
    {
        secondLook?.Dispose();
        if (ownsDetector)
        {
            detector.Dispose();
        }
    }
}
