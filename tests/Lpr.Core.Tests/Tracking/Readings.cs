using Lpr.Core.Imaging;
using Lpr.Core.Recognition;
using Lpr.Core.Tracking;

namespace Lpr.Core.Tests.Tracking;

/// <summary>Builds recognizer readings and observations for tracking tests.</summary>
internal static class Readings
{
    /// <summary>Splits a plate text into label tokens: a leading two-syllable region is one token.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        if (text.Length >= 3 && IsHangul(text[0]) && IsHangul(text[1]) && char.IsAsciiDigit(text[2]))
        {
            tokens.Add(text[..2]);
            start = 2;
        }

        tokens.AddRange(text[start..].Select(c => c.ToString()));
        return tokens;
    }

    public static PlateReading Of(string text, float confidence = 0.9f, bool valid = true) => new(
        valid ? text : string.Empty,
        text,
        valid,
        confidence,
        [.. Tokens(text).Select(t => new CharacterConfidence(t, confidence))]);

    public static PlateObservation At(string text, PixelRect box, DateTimeOffset at, float confidence = 0.9f, bool valid = true) =>
        new(box, Of(text, confidence, valid), at);

    private static bool IsHangul(char c) => c is >= '가' and <= '힣';
}
