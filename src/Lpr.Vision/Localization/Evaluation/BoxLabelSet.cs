using System.Globalization;
using Lpr.Core.Imaging;

namespace Lpr.Vision.Localization.Evaluation;

/// <summary>
/// A folder of frames with plate boxes, in the scene format <c>lpr synth --scene</c> writes:
/// images plus <c>labels.tsv</c> lines <c>file&lt;TAB&gt;text&lt;TAB&gt;x,y,w,h</c>, one per plate; a fourth
/// field <c>partly-hidden</c> marks a plate a nearer vehicle hides in part, which a locator may find or miss
/// (<see cref="DetectionMetrics"/> ignores it). Every image in the folder is a frame; one without a line has no
/// plate (a negative frame).
/// </summary>
public sealed class BoxLabelSet
{
    /// <summary>The fourth field of a partly hidden plate's line.</summary>
    public const string PartlyHidden = "partly-hidden";

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp"];

    private BoxLabelSet(string directory, IReadOnlyList<LabelledFrame> frames)
    {
        Directory = directory;
        Frames = frames;
    }

    public string Directory { get; }

    public IReadOnlyList<LabelledFrame> Frames { get; }

    /// <summary>Reads <c>labels.tsv</c> of <paramref name="directory"/>; errors name the file and line.</summary>
    public static BoxLabelSet Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var labelsPath = Path.Combine(directory, "labels.tsv");
        if (!File.Exists(labelsPath))
        {
            throw new FileNotFoundException($"'{directory}' has no labels.tsv (expected lines 'file<TAB>text<TAB>x,y,w,h').", labelsPath);
        }

        var boxes = new Dictionary<string, List<PixelRect>>(StringComparer.Ordinal);
        var texts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hidden = new Dictionary<string, List<PixelRect>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(labelsPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3 || ParseBox(fields[2]) is not { } box)
            {
                throw new FormatException($"{labelsPath}:{lineNumber}: expected 'file<TAB>text<TAB>x,y,w,h' with a positive width and height, got '{line}'.");
            }

            if (fields.Length > 4 || (fields.Length == 4 && fields[3] != PartlyHidden))
            {
                throw new FormatException($"{labelsPath}:{lineNumber}: the only field after the box is '{PartlyHidden}', got '{string.Join('\t', fields[3..])}'.");
            }

            if (!File.Exists(Path.Combine(directory, fields[0])))
            {
                throw new FileNotFoundException($"{labelsPath}:{lineNumber}: image '{fields[0]}' does not exist.", Path.Combine(directory, fields[0]));
            }

            if (!boxes.TryGetValue(fields[0], out var list))
            {
                boxes[fields[0]] = list = [];
                texts[fields[0]] = [];
                hidden[fields[0]] = [];
            }

            if (fields.Length == 4)
            {
                hidden[fields[0]].Add(box);
                continue;
            }

            list.Add(box);
            texts[fields[0]].Add(fields[1]);
        }

        var files = System.IO.Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Union(boxes.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var frames = files.Select(f => boxes.TryGetValue(f, out var b) ? new LabelledFrame(f, b, texts[f], hidden[f]) : new LabelledFrame(f, [], [], [])).ToArray();
        return new BoxLabelSet(directory, frames);
    }

    private static PixelRect? ParseBox(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
        {
            return null;
        }

        var values = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values[2] > 0 && values[3] > 0 ? new PixelRect(values[0], values[1], values[2], values[3]) : null;
    }
}

/// <summary>
/// One frame of a <see cref="BoxLabelSet"/>: its file name (relative to the set), its plates' boxes, their
/// texts (the label's text column, index for index with <see cref="Boxes"/>), and the boxes of its partly hidden plates.
/// </summary>
public sealed record LabelledFrame(string File, IReadOnlyList<PixelRect> Boxes, IReadOnlyList<string> Texts, IReadOnlyList<PixelRect> PartlyHidden);
