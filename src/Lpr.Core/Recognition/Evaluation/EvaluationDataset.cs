using Lpr.Core.Plates;

namespace Lpr.Core.Recognition.Evaluation;

/// <summary>
/// A folder of labelled plate crops. Labels come from <c>labels.tsv</c> (<c>file&lt;TAB&gt;text</c> per
/// line; an optional <c>file&lt;TAB&gt;text</c> header, blank lines and <c>#</c> comments are skipped)
/// or, without one, from file names: the text before the first <c>_</c> (<c>서울12가3456.png</c>,
/// <c>12가3456_3.jpg</c>). Decomposed Hangul in names (as some file systems store them) is composed.
/// </summary>
public static class EvaluationDataset
{
    public const string LabelsFileName = "labels.tsv";

    /// <summary>Image file extensions picked up when labelling by file name.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"];

    /// <summary>The samples of <paramref name="folder"/>, ordered by file name.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">labels.tsv has a malformed line or names a missing file (the message gives the line).</exception>
    public static IReadOnlyList<LabelledCrop> Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Evaluation folder '{folder}' does not exist.");
        }

        var labels = Path.Combine(folder, LabelsFileName);
        var samples = File.Exists(labels) ? FromLabelsFile(folder, labels) : FromFileNames(folder);
        return [.. samples.OrderBy(s => s.Path, StringComparer.Ordinal)];
    }

    /// <summary>The label a file name carries: the name without extension, up to the first <c>_</c>.</summary>
    public static string LabelFromFileName(string path)
    {
        var name = HangulComposition.Compose(Path.GetFileNameWithoutExtension(path));
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? name : name[..underscore];
    }

    private static List<LabelledCrop> FromLabelsFile(string folder, string labels)
    {
        var samples = new List<LabelledCrop>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(labels))
        {
            lineNumber++;
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || (lineNumber == 1 && trimmed == "file\ttext"))
            {
                continue;
            }

            // A third column is what `lpr synth` writes there (the plate design); it is not needed to score.
            var parts = trimmed.Split('\t');
            if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new FormatException($"{labels}:{lineNumber}: expected 'file<TAB>text' (optionally '<TAB>type'), got '{trimmed}'.");
            }

            var file = Path.Combine(folder, parts[0]);
            if (!File.Exists(file))
            {
                throw new FormatException($"{labels}:{lineNumber}: file '{parts[0]}' does not exist in {folder}.");
            }

            samples.Add(new LabelledCrop(file, HangulComposition.Compose(parts[1])));
        }

        return samples;
    }

    private static List<LabelledCrop> FromFileNames(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => new LabelledCrop(f, LabelFromFileName(f)))];
}
