namespace Lpr.Training.Data;

/// <summary>One recognizer training example, already in the network's terms.</summary>
/// <param name="Pixels">Gray image, row-major, <c>height*width</c> values scaled to [0, 1].</param>
/// <param name="Tokens">Class indices in reading order (order of models/labels.txt).</param>
/// <param name="CharacterCoverage">Per feature-map cell, the fraction covered by any character
/// (row-major, feature height x width), or null when the source has no masks.</param>
/// <param name="Text">The label text, for reports.</param>
public sealed record TrainingSample(float[] Pixels, int[] Tokens, float[]? CharacterCoverage, string Text);
