using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Lpr.Core.Plates;

/// <summary>
/// The output classes of a recognizer: label i is the text of class i. The default alphabet is
/// <c>models/labels.txt</c> (embedded in this assembly, so that file stays the single source of the
/// class order: 10 digits, 40 Hangul, 17 regions). Other label lists (a model descriptor's) load
/// with <see cref="FromLabels"/>; whitespace or empty labels are padding classes that never
/// produce text. The CTC blank is not a label: decoders take its index separately.
/// </summary>
public sealed class PlateAlphabet
{
    private const string EmbeddedLabelsName = "Lpr.Core.labels.txt";

    private static readonly Lazy<PlateAlphabet> LazyDefault = new(LoadEmbedded);

    private readonly string[] labels;
    private readonly PlateTokenCategory[] categories;
    private readonly FrozenDictionary<string, int> indexByLabel;
    private readonly int maxLabelLength;

    private PlateAlphabet(string[] labels)
    {
        this.labels = labels;
        categories = new PlateTokenCategory[labels.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            categories[i] = PlateVocabulary.Categorize(labels[i]);
            if (categories[i] == PlateTokenCategory.Padding)
            {
                continue;
            }

            if (!index.TryAdd(labels[i], i))
            {
                throw new FormatException($"Label '{labels[i]}' appears twice, at class {index[labels[i]]} and class {i}.");
            }

            maxLabelLength = Math.Max(maxLabelLength, labels[i].Length);
        }

        indexByLabel = index.ToFrozenDictionary(StringComparer.Ordinal);
        Labels = Array.AsReadOnly(labels);
    }

    /// <summary>The class order of our models, from the embedded <c>models/labels.txt</c>.</summary>
    public static PlateAlphabet Default => LazyDefault.Value;

    /// <summary>Labels by class index (padding labels included, as given).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of labels (classes without the CTC blank, unless the blank is one of them).</summary>
    public int Count => labels.Length;

    public string this[int index] => labels[index];

    /// <summary>Builds an alphabet from a label list; whitespace/empty labels become padding.</summary>
    /// <exception cref="FormatException">A non-padding label appears twice.</exception>
    public static PlateAlphabet FromLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var array = labels.Select((label, i) => label ?? throw new ArgumentException($"Label {i} is null.", nameof(labels))).ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("A label list must not be empty.", nameof(labels));
        }

        return new PlateAlphabet([.. array.Select(HangulComposition.Compose)]);
    }

    /// <summary>Parses a labels file's content: one label per line; the final line terminator is not a label.</summary>
    public static PlateAlphabet ParseLines(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 1 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        return FromLabels(lines);
    }

    /// <summary>Loads a labels file (UTF-8, one label per line).</summary>
    public static PlateAlphabet Load(string path) => ParseLines(File.ReadAllText(path, Encoding.UTF8));

    public PlateTokenCategory CategoryOf(int index) => categories[index];

    public bool IsPadding(int index) => categories[index] == PlateTokenCategory.Padding;

    /// <summary>The class index of a token, or -1 when this alphabet has no such label.</summary>
    public int IndexOf(string token) => indexByLabel.TryGetValue(token, out var i) ? i : -1;

    /// <summary>
    /// Splits text into class indices by longest match (so a region name is one token). Returns
    /// false and the character position where no label matches.
    /// </summary>
    public bool TryTokenize(string text, List<int> classIndices, out int failedAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classIndices);
        var lookup = indexByLabel.GetAlternateLookup<ReadOnlySpan<char>>();
        var position = 0;
        while (position < text.Length)
        {
            var matched = false;
            for (var length = Math.Min(maxLabelLength, text.Length - position); length >= 1; length--)
            {
                if (lookup.TryGetValue(text.AsSpan(position, length), out var index))
                {
                    classIndices.Add(index);
                    position += length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                failedAt = position;
                return false;
            }
        }

        failedAt = -1;
        return true;
    }

    /// <summary>Splits text into tokens (see <see cref="TryTokenize"/>).</summary>
    /// <exception cref="FormatException">A character matches no label; the message names it and its position.</exception>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var indices = new List<int>();
        if (!TryTokenize(text, indices, out var failedAt))
        {
            throw new FormatException($"'{text[failedAt]}' (U+{(int)text[failedAt]:X4}) at position {failedAt} of \"{text}\" is not a plate character.");
        }

        return [.. indices.Select(i => labels[i])];
    }

    private static PlateAlphabet LoadEmbedded()
    {
        using var stream = typeof(PlateAlphabet).Assembly.GetManifestResourceStream(EmbeddedLabelsName)
            ?? throw new InvalidOperationException($"Resource {EmbeddedLabelsName} is missing from {typeof(PlateAlphabet).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ParseLines(reader.ReadToEnd());
    }
}
