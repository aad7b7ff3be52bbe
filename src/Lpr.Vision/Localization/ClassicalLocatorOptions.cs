namespace Lpr.Vision.Localization;

/// <summary>
/// Settings of <see cref="ClassicalPlateLocator"/>. The defaults suit 720p gate and street cameras
/// where a plate is 50–400 pixels wide; <see cref="Validate"/> is called by the locator's constructor
/// so a bad setting fails at start, not on the first frame.
/// </summary>
public sealed class ClassicalLocatorOptions
{
    /// <summary>Narrowest plate (pixels, long side) worth reporting; smaller ones are unreadable anyway.</summary>
    public int MinPlateWidth { get; set; } = 40;

    /// <summary>Widest plate as a share of the frame width.</summary>
    public double MaxPlateWidthFraction { get; set; } = 0.6;

    /// <summary>
    /// Accepted width/height range of a candidate. Korean plates are 4.7:1 (520x110), 2.2:1 (335x155)
    /// and 2:1 (335x170); the range is wider because a tilted or foreshortened plate looks squatter.
    /// </summary>
    public double MinAspect { get; set; } = 1.5;

    public double MaxAspect { get; set; } = 6.5;

    /// <summary>Whether a candidate of this width/height ratio has a plate's shape (every cue applies the same range).</summary>
    internal bool AdmitsAspect(double aspect) => aspect >= MinAspect && aspect <= MaxAspect;

    /// <summary>Largest in-plane tilt (degrees) still taken for a plate.</summary>
    public double MaxTiltDegrees { get; set; } = 25;

    /// <summary>Candidates scoring below this are dropped.</summary>
    public float MinScore { get; set; } = 0.3f;

    /// <summary>Overlap (IoU of boxes) above which the weaker of two candidates is suppressed.</summary>
    public double NmsIou { get; set; } = 0.3;

    /// <summary>At most this many candidates per frame, best first.</summary>
    public int MaxCandidates { get; set; } = 8;

    /// <summary>Height of the rectified gray crop handed to the recognizer (its width follows the plate's aspect).</summary>
    public int CropHeight { get; set; } = 64;

    /// <summary>
    /// Crops with the margin a plate detector leaves (bumper and frame around the plate, as our recognizer
    /// was trained), or, when false, cut tight along the plate's outline.
    /// </summary>
    public bool LooseCrop { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming every setting that is out of range.</summary>
    public ClassicalLocatorOptions Validate()
    {
        var errors = new List<string>();
        if (MinPlateWidth is < 8 or > 4096)
        {
            errors.Add($"minPlateWidth must be between 8 and 4096 pixels, got {MinPlateWidth}.");
        }

        if (MaxPlateWidthFraction is <= 0 or > 1)
        {
            errors.Add($"maxPlateWidthFraction must be in (0, 1], got {MaxPlateWidthFraction}.");
        }

        if (MinAspect < 1 || MaxAspect <= MinAspect)
        {
            errors.Add($"aspect range must satisfy 1 <= minAspect < maxAspect, got {MinAspect}..{MaxAspect}.");
        }

        if (MaxTiltDegrees is < 0 or > 45)
        {
            errors.Add($"maxTiltDegrees must be between 0 and 45, got {MaxTiltDegrees}.");
        }

        if (MinScore is < 0 or > 1)
        {
            errors.Add($"minScore must be between 0 and 1, got {MinScore}.");
        }

        if (NmsIou is <= 0 or > 1)
        {
            errors.Add($"nmsIou must be in (0, 1], got {NmsIou}.");
        }

        if (MaxCandidates is < 1 or > 256)
        {
            errors.Add($"maxCandidates must be between 1 and 256, got {MaxCandidates}.");
        }

        if (CropHeight is < 8 or > 512)
        {
            errors.Add($"cropHeight must be between 8 and 512, got {CropHeight}.");
        }

        return errors.Count == 0
            ? this
            : throw new ArgumentException("Invalid classical locator options: " + string.Join(" ", errors));
    }
}
