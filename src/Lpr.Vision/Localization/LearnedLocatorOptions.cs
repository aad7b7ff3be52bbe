namespace Lpr.Vision.Localization;

/// <summary>
/// Settings of <see cref="LearnedPlateLocator"/>; <see cref="Validate"/> is called by the locator's
/// constructor so a bad setting fails at start, not on the first frame.
/// </summary>
public sealed class LearnedLocatorOptions
{
    /// <summary>Lowest plate-centre probability kept; null = the model descriptor's threshold.</summary>
    public float? MinScore { get; set; }

    /// <summary>Overlap (IoU of boxes) above which the weaker of two detections is suppressed.</summary>
    public double NmsIou { get; set; } = 0.3;

    /// <summary>At most this many candidates per frame, best first.</summary>
    public int MaxCandidates { get; set; } = 8;

    /// <summary>Height of the rectified gray crop handed to the recognizer (its width follows the plate's aspect).</summary>
    public int CropHeight { get; set; } = 64;

    /// <summary>
    /// Crops with the margin a plate detector leaves (bumper and frame around the plate, as our recognizer
    /// was trained), or, when false, cut tight along the detected corners.
    /// </summary>
    public bool LooseCrop { get; set; } = true;

    /// <summary>
    /// Plates narrower than this (frame pixels) get a second look at a closer scale for corners that fit (one more
    /// detector run per such plate, or per four when there are several, about 12 ms on one x86 core); 0 = never. 128: below 96 the locating scores on
    /// scene frames were the same, but the sample clip's first car (plates 123–125 px wide) then reads 60러5942 where
    /// the corners of the second look give 610러5942: the crop's fit matters to the reader up to about 130 px.
    /// </summary>
    public int RefineBelowWidth { get; set; } = 128;

    /// <summary>Throws <see cref="ArgumentException"/> naming every setting that is out of range.</summary>
    public LearnedLocatorOptions Validate()
    {
        var errors = new List<string>();
        if (MinScore is { } score && !(score is > 0 and < 1))
        {
            errors.Add($"minScore must be between 0 and 1, got {score}.");
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

        if (RefineBelowWidth is < 0 or > 4096)
        {
            errors.Add($"refineBelowWidth must be between 0 and 4096, got {RefineBelowWidth}.");
        }

        return errors.Count == 0
            ? this
            : throw new ArgumentException("Invalid learned locator options: " + string.Join(" ", errors));
    }
}
