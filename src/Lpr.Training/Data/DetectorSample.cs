using Lpr.Core.Imaging;

namespace Lpr.Training.Data;

/// <summary>One detector training example, already in the network's terms.</summary>
/// <param name="Pixels">Gray input image, row-major, <c>height*width</c> values in [0, 1] (letterbox padding 0).</param>
/// <param name="Plates">Every plate's corners (TL, TR, BR, BL) in input pixels.</param>
/// <param name="InputScale">Input pixels per frame pixel (the letterbox factor), to report boxes in frame pixels.</param>
/// <param name="Targets">The heatmap and corner targets on the output grid.</param>
public sealed record DetectorSample(float[] Pixels, IReadOnlyList<Quad> Plates, float InputScale, DetectorTargets Targets);
