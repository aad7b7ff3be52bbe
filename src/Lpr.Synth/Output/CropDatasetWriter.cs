using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lpr.Synth.Output;

/// <summary>
/// Writes recognizer crops to a folder: <c>NAME.png</c> images, <c>masks/NAME.png</c> character label
/// maps (pixel value k + 1 = token k, 0 = background), <c>labels.tsv</c> (<c>file&lt;TAB&gt;text&lt;TAB&gt;type</c>)
/// and <c>annotations.jsonl</c> (per file: text, type, tokens, plate corners, character boxes and corners).
/// </summary>
public static class CropDatasetWriter
{
    /// <summary>Renders and writes <paramref name="count"/> samples; returns the written file names in index order.</summary>
    /// <param name="nameByLabel">Name files by label (<c>12가3456_0.png</c>, the suffix counting repeats) instead of by index.</param>
    public static IReadOnlyList<string> Write(PlateSampleGenerator generator, int count, string directory, bool nameByLabel, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(directory, "masks"));
        var names = new List<string>(count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var labels = new StreamWriter(Path.Combine(directory, "labels.tsv"), false, new UTF8Encoding(false));
        using var annotations = new StreamWriter(Path.Combine(directory, "annotations.jsonl"), false, new UTF8Encoding(false));
        for (var start = 0; start < count; start += batchSize)
        {
            var n = Math.Min(batchSize, count - start);
            var batch = generator.GenerateBatch(start, n);
            var batchNames = new string[n];
            for (var i = 0; i < n; i++)
            {
                var sample = batch[i];
                string name;
                if (nameByLabel)
                {
                    seen.TryGetValue(sample.Text, out var repeat);
                    seen[sample.Text] = repeat + 1;
                    name = $"{sample.Text}_{repeat.ToString(CultureInfo.InvariantCulture)}.png";
                }
                else
                {
                    name = $"{(start + i).ToString("D6", CultureInfo.InvariantCulture)}.png";
                }

                batchNames[i] = name;
                labels.Write($"{name}\t{sample.Text}\t{sample.Type}\n");
                annotations.Write(JsonSerializer.Serialize(new CropAnnotation(name, sample), JsonLines.Options) + "\n");
            }

            Parallel.For(0, n, i =>
            {
                var sample = batch[i];
                File.WriteAllBytes(Path.Combine(directory, batchNames[i]), ImageFiles.EncodePng(sample.Image));
                File.WriteAllBytes(Path.Combine(directory, "masks", batchNames[i]), ImageFiles.EncodeGrayPng(sample.CharacterMask, sample.Image.Width, sample.Image.Height));
            });
            names.AddRange(batchNames);
        }

        return names;
    }
}
