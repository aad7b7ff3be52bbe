using System.Text.Json.Serialization;
using Lpr.Core.Imaging;

namespace Lpr.Synth.Output;

/// <summary>One line of <c>annotations.jsonl</c>: corners as [x0,y0,…,x3,y3] (TL, TR, BR, BL), boxes as [x,y,w,h].</summary>
internal sealed class CropAnnotation(string file, PlateSample sample)
{
    [JsonPropertyName("file")]
    public string File { get; } = file;

    [JsonPropertyName("text")]
    public string Text { get; } = sample.Text;

    [JsonPropertyName("type")]
    public string Type { get; } = sample.Type.ToString();

    [JsonPropertyName("tokens")]
    public IReadOnlyList<string> Tokens { get; } = sample.Tokens;

    [JsonPropertyName("plate")]
    public float[] Plate { get; } = Corners(sample.PlateCorners);

    [JsonPropertyName("charBoxes")]
    public int[][] CharBoxes { get; } = [.. sample.CharacterBoxes.Select(b => new[] { b.X, b.Y, b.Width, b.Height })];

    [JsonPropertyName("charCorners")]
    public float[][] CharCorners { get; } = [.. sample.CharacterCorners.Select(Corners)];

    internal static float[] Corners(Quad q) =>
        [Round(q.TopLeft.X), Round(q.TopLeft.Y), Round(q.TopRight.X), Round(q.TopRight.Y), Round(q.BottomRight.X), Round(q.BottomRight.Y), Round(q.BottomLeft.X), Round(q.BottomLeft.Y)];

    private static float Round(float v) => MathF.Round(v, 2);
}
