namespace Lpr.Synth.Options;

/// <summary>
/// How recognizer crops frame the plate. Real detector crops are loose: width/height 1.7–4.6
/// (median 2.9) around a plate of aspect 4.7, so bumper, frame and screws surround it, and green
/// two-row plates often lose part of their top row.
/// </summary>
public sealed class CropOptions
{
    /// <summary>Smallest width/height ratio of a loose crop (in source pixels, before resizing to the output size).</summary>
    public double MinAspect { get; set; } = 1.7;

    /// <summary>Largest width/height ratio of a loose crop.</summary>
    public double MaxAspect { get; set; } = 4.6;

    /// <summary>Median width/height ratio of a loose crop; ratios are drawn log-normally around it.</summary>
    public double MedianAspect { get; set; } = 2.9;

    /// <summary>
    /// Smallest share of a loose crop's width the plate spans (the largest is 0.95). 0.6 by default; on the 14
    /// real development crops the plate spans 0.57–0.83, three of them under 0.6.
    /// </summary>
    public double MinPlateWidthShare { get; set; } = 0.6;

    /// <summary>
    /// Smallest share of a loose crop's height the plate spans. 0.3 by default; real crops go down to about 0.23
    /// (a plate in a squarish crop with bumper and boot lid around it).
    /// </summary>
    public double MinPlateHeightShare { get; set; } = 0.3;

    /// <summary>Share of tight crops that follow the plate outline with a few pixels of margin.</summary>
    public double TightProbability { get; set; } = 0.15;

    /// <summary>Share of crops whose window cuts into the plate on one side (a shifted detector box).</summary>
    public double CutProbability { get; set; } = 0.06;

    /// <summary>Share of two-row plates whose crop edge runs through the top margin or the top quarter of the top row.</summary>
    public double TopRowCutProbability { get; set; } = 0.35;

    /// <summary>Share of crops with a plate holder frame (black plastic, dealer text) around the plate.</summary>
    public double HolderFrameProbability { get; set; } = 0.55;

    internal void Validate(string key, List<string> errors)
    {
        if (!(MinAspect is > 0.5 and <= 10))
        {
            errors.Add($"{key}.minAspect must be between 0.5 and 10, got {MinAspect}.");
        }

        if (!(MaxAspect is > 0.5 and <= 10) || MaxAspect < MinAspect)
        {
            errors.Add($"{key}.maxAspect must be between minAspect ({MinAspect}) and 10, got {MaxAspect}.");
        }

        if (!(MedianAspect >= MinAspect && MedianAspect <= MaxAspect))
        {
            errors.Add($"{key}.medianAspect must be between minAspect and maxAspect, got {MedianAspect}.");
        }

        if (!(MinPlateWidthShare is >= 0.2 and < 0.95))
        {
            errors.Add($"{key}.minPlateWidthShare must be at least 0.2 and below 0.95, got {MinPlateWidthShare}.");
        }

        if (!(MinPlateHeightShare is >= 0.1 and < 0.92))
        {
            errors.Add($"{key}.minPlateHeightShare must be at least 0.1 and below 0.92, got {MinPlateHeightShare}.");
        }

        Probability(errors, $"{key}.tightProbability", TightProbability);
        Probability(errors, $"{key}.cutProbability", CutProbability);
        Probability(errors, $"{key}.topRowCutProbability", TopRowCutProbability);
        Probability(errors, $"{key}.holderFrameProbability", HolderFrameProbability);
    }

    internal static void Probability(List<string> errors, string key, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            errors.Add($"{key} must be between 0 and 1, got {value}.");
        }
    }
}
