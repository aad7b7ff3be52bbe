namespace Lpr.Synth.Options;

/// <summary>
/// Where the Korean fonts come from. Bold gothic families are discovered in the Debian font
/// folders (fonts-nanum, fonts-nanum-extra, fonts-noto-cjk); any other .ttf/.otf/.ttc can be added.
/// </summary>
public sealed class FontOptions
{
    /// <summary>Folders searched (recursively) for the known bold gothic Korean fonts.</summary>
    public List<string> Directories { get; set; } = ["/usr/share/fonts"];

    /// <summary>Extra font files used for Hangul and digits (must contain the 40 plate syllables and digits).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Glyph width scale range: plate lettering is condensed compared with text fonts.</summary>
    public double MinWidthScale { get; set; } = 0.78;

    public double MaxWidthScale { get; set; } = 1.0;

    /// <summary>
    /// Share of plates whose digits are the standard's drawn digits (<c>StandardDigitGlyphs</c>), the shapes real plates
    /// carry; the others take the digits of the plate's Korean face (60 %) or of a condensed Latin face.
    /// </summary>
    public double StandardDigitsProbability { get; set; } = 0.6;

    /// <summary>
    /// Share of plates whose syllable is the standard's drawn syllable (<c>StandardHangulGlyphs</c>); the others take the
    /// plate's Korean face, so the recognizer also meets the faces of older or non-standard plates. Region names always
    /// come from the face: the standard's region drawings were not read.
    /// </summary>
    public double StandardHangulProbability { get; set; } = 0.5;

    internal void Validate(string key, List<string> errors)
    {
        if (Directories is null)
        {
            errors.Add($"{key}.directories must be a list (may be empty).");
        }

        if (Files is null)
        {
            errors.Add($"{key}.files must be a list (may be empty).");
        }
        else
        {
            for (var i = 0; i < Files.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(Files[i]) || !File.Exists(Files[i]))
                {
                    errors.Add($"{key}.files[{i}]: font file '{Files[i]}' does not exist.");
                }
            }
        }

        if (!(MinWidthScale is >= 0.4 and <= 1.5))
        {
            errors.Add($"{key}.minWidthScale must be between 0.4 and 1.5, got {MinWidthScale}.");
        }

        if (!(MaxWidthScale is >= 0.4 and <= 1.5) || MaxWidthScale < MinWidthScale)
        {
            errors.Add($"{key}.maxWidthScale must be between minWidthScale and 1.5, got {MaxWidthScale}.");
        }

        if (!(StandardDigitsProbability is >= 0 and <= 1))
        {
            errors.Add($"{key}.standardDigitsProbability must be between 0 and 1, got {StandardDigitsProbability}.");
        }

        if (!(StandardHangulProbability is >= 0 and <= 1))
        {
            errors.Add($"{key}.standardHangulProbability must be between 0 and 1, got {StandardHangulProbability}.");
        }
    }
}
