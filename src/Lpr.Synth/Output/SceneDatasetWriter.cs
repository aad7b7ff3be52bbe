using System.Globalization;
using System.Text;
using System.Text.Json;
using Lpr.Synth.Scenes;

namespace Lpr.Synth.Output;

/// <summary>
/// Writes scene frames as <c>frame_NNNN.jpg</c>, a <c>labels.tsv</c> with one line per plate
/// (<c>file&lt;TAB&gt;text&lt;TAB&gt;x,y,w,h</c>; frames without plates have no line; a partly hidden plate's line
/// ends in a fourth field <c>partly-hidden</c>) and <c>annotations.jsonl</c> (per frame: every plate's text, type,
/// box and corners TL, TR, BR, BL, and <c>partlyHidden</c> likewise).
/// </summary>
public static class SceneDatasetWriter
{
    /// <summary>The fourth field of a partly hidden plate's line (what Lpr.Vision's <c>BoxLabelSet</c> reads).</summary>
    public const string PartlyHiddenField = "partly-hidden";

    private static object Annotation(ScenePlate p) => new
    {
        text = p.Text,
        type = p.Type.ToString(),
        box = new[] { p.Box.X, p.Box.Y, p.Box.Width, p.Box.Height },
        corners = CropAnnotation.Corners(p.Corners),
    };

    public static void Write(IReadOnlyList<SceneSample> frames, string directory, int jpegQuality)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Directory.CreateDirectory(directory);
        var names = frames.Select((_, i) => $"frame_{i.ToString("D4", CultureInfo.InvariantCulture)}.jpg").ToArray();
        Parallel.For(0, frames.Count, i => File.WriteAllBytes(Path.Combine(directory, names[i]), ImageFiles.EncodeJpeg(frames[i].Image, jpegQuality)));
        using var labels = new StreamWriter(Path.Combine(directory, "labels.tsv"), false, new UTF8Encoding(false));
        using var annotations = new StreamWriter(Path.Combine(directory, "annotations.jsonl"), false, new UTF8Encoding(false));
        for (var i = 0; i < frames.Count; i++)
        {
            foreach (var plate in frames[i].Plates)
            {
                var b = plate.Box;
                labels.Write(string.Create(CultureInfo.InvariantCulture, $"{names[i]}\t{plate.Text}\t{b.X},{b.Y},{b.Width},{b.Height}\n"));
            }

            foreach (var plate in frames[i].PartlyHidden.Where(p => p.Box.Width > 0 && p.Box.Height > 0))
            {
                var b = plate.Box;
                labels.Write(string.Create(CultureInfo.InvariantCulture, $"{names[i]}\t{plate.Text}\t{b.X},{b.Y},{b.Width},{b.Height}\t{PartlyHiddenField}\n"));
            }

            var record = new
            {
                file = names[i],
                plates = frames[i].Plates.Select(Annotation),
                partlyHidden = frames[i].PartlyHidden.Select(Annotation),
            };
            annotations.Write(JsonSerializer.Serialize(record, JsonLines.Options) + "\n");
        }
    }
}
