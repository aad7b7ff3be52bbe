using Lpr.Vision.Localization;

namespace Lpr.EdgeAgent.Options;

/// <summary>
/// How plates are found in frames (<c>Lpr:Locator</c>); which locator a camera uses is its
/// <c>Lpr:Cameras:N:Locator</c>.
/// </summary>
public sealed class LocatorOptions
{
    public const string SectionName = "Lpr:Locator";

    /// <summary>
    /// The recognizer as verifier (<c>Lpr:Locator:MinCandidateConfidence</c>): a candidate from a proposing locator
    /// (classical, learned) becomes a reading only if it reads as a valid plate with at least this confidence.
    /// The fixed region is not a proposal and is not filtered here (the tracker's own thresholds apply).
    /// </summary>
    public double MinCandidateConfidence { get; set; } = 0.5;

    /// <summary>
    /// The plate detector of the learned locator (<c>Lpr:Locator:Model</c>), with its descriptor (MODEL.json) beside it;
    /// relative paths are resolved against the application's directory. It runs on the recognizer's backend and libraries.
    /// </summary>
    public string Model { get; set; } = "models/kr-plate-detector-int8.tflite";

    /// <summary>Settings of the learned locator (<c>Lpr:Locator:Learned:…</c>).</summary>
    public LearnedLocatorOptions Learned { get; set; } = new();

    /// <summary>Settings of the classical (no-model) locator (<c>Lpr:Locator:Classical:…</c>).</summary>
    public ClassicalLocatorOptions Classical { get; set; } = new();
}
