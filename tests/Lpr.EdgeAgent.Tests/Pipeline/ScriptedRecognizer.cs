using Lpr.Core.Imaging;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;
using Lpr.EdgeAgent.Pipeline;

namespace Lpr.EdgeAgent.Tests.Pipeline;

/// <summary>
/// A TEST recognizer for pipeline mechanics (no trained model exists yet): the test's frames are uniform
/// gray (or a plate-sized bright square for a locator), and the script maps the gray level at the crop's centre to
/// the plate text "read" there. Levels not in the script read
/// nothing. It never pretends to read real plates and is not part of the product.
/// </summary>
internal sealed class ScriptedRecognizer(IReadOnlyDictionary<byte, string> script) : IPlateRecognizer
{
    public string ModelName => "scripted-test-recognizer";

    public string BackendName => "scripted";

    public PlateReading Recognize(PixelImage crop)
    {
        var level = crop.Data[(((crop.Height / 2 * crop.Width) + (crop.Width / 2)) * crop.Channels)]; // the crop's centre
        if (!script.TryGetValue(level, out var text))
        {
            return new PlateReading(string.Empty, string.Empty, false, 0, []);
        }

        var tokens = Tokens(text);
        var valid = PlateGrammar.IsValid(text);
        return new PlateReading(valid ? text : string.Empty, text, valid, 0.9f, [.. tokens.Select(t => new CharacterConfidence(t, 0.9f))]);
    }

    public void Dispose()
    {
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        if (text.Length >= 3 && text[0] >= '가' && text[1] >= '가' && char.IsAsciiDigit(text[2]))
        {
            tokens.Add(text[..2]);
            start = 2;
        }

        tokens.AddRange(text[start..].Select(c => c.ToString()));
        return tokens;
    }
}

internal sealed class ScriptedRecognizerFactory(IReadOnlyDictionary<byte, string> script) : IPlateRecognizerFactory
{
    public IPlateRecognizer Create() => new ScriptedRecognizer(script);
}
