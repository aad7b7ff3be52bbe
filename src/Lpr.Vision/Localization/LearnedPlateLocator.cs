using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.TfLite;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// The learned locator: a CenterNet-style int8 detector (<see cref="TfLitePlateDetector"/>, managed
/// resize and decoding on any inference backend) gives plate quadrilaterals and scores; greedy NMS
/// thins them; each kept plate is warped flat along its corners (<see cref="PlateRectifier"/>), so a
/// tilted or foreshortened plate, one-row or two-row, reaches the recognizer as an upright crop.
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
            // A collapsed quad (clamped at the frame edge, or an untrained head) has nothing to rectify.
            var box = detection.Corners.Bounds();
            if (box.Width >= MinSide && box.Height >= MinSide)
            {
                found.Add(detection);
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var kept = NonMaximumSuppression.Apply(found, d => d.Corners.Bounds(), d => d.Score, options.NmsIou, options.MaxCandidates);
        var type = frame.Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var view = Mat.FromPixelData(frame.Height, frame.Width, type, frame.Data, frame.Stride);
        var result = new PlateCandidate[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            result[i] = new PlateCandidate(kept[i].Corners, kept[i].Score, PlateRectifier.Rectify(view, kept[i].Corners, options.CropHeight));
        }

        return result;
    }

    public void Dispose()
    {
        if (ownsDetector)
        {
            detector.Dispose();
        }
    }
}
