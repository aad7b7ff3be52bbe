using System.Text;

namespace Lpr.Core.Plates;

/// <summary>
/// Composes conjoining Hangul jamo (NFD, as file names from macOS and some tools carry them) into
/// precomposed syllables, the algorithm of Unicode §3.12. Needed because the product runs with
/// invariant globalization, where <see cref="string.Normalize()"/> leaves Hangul untouched.
/// </summary>
public static class HangulComposition
{
    private const int SyllableBase = 0xAC00;
    private const int LeadBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TailBase = 0x11A7;
    private const int LeadCount = 19;
    private const int VowelCount = 21;
    private const int TailCount = 28;

    /// <summary>The text with every lead+vowel(+tail) jamo sequence replaced by its syllable; other characters unchanged.</summary>
    public static string Compose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\u1100', '\u11FF'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var lead = text[i] - LeadBase;
            var vowel = i + 1 < text.Length ? text[i + 1] - VowelBase : -1;
            if (lead is < 0 or >= LeadCount || vowel is < 0 or >= VowelCount)
            {
                builder.Append(text[i]);
                continue;
            }

            var tail = i + 2 < text.Length ? text[i + 2] - TailBase : 0;
            var hasTail = tail is > 0 and < TailCount;
            builder.Append((char)(SyllableBase + (((lead * VowelCount) + vowel) * TailCount) + (hasTail ? tail : 0)));
            i += hasTail ? 2 : 1;
        }

        return builder.ToString();
    }

    /// <summary>Splits precomposed syllables into conjoining jamo (the inverse of <see cref="Compose"/>).</summary>
    public static string Decompose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            var s = c - SyllableBase;
            if (s is < 0 or >= LeadCount * VowelCount * TailCount)
            {
                builder.Append(c);
                continue;
            }

            builder.Append((char)(LeadBase + (s / (VowelCount * TailCount))));
            builder.Append((char)(VowelBase + (s % (VowelCount * TailCount) / TailCount)));
            if (s % TailCount != 0)
            {
                builder.Append((char)(TailBase + (s % TailCount)));
            }
        }

        return builder.ToString();
    }
}
