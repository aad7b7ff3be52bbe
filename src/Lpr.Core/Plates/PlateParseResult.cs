using System.Diagnostics.CodeAnalysis;

namespace Lpr.Core.Plates;

/// <summary>The outcome of <see cref="PlateGrammar.Parse"/>: a plate, or an error saying what is wrong.</summary>
public sealed record PlateParseResult
{
    private PlateParseResult(string text, KoreanPlate? plate, string? error)
    {
        Text = text;
        Plate = plate;
        Error = error;
    }

    /// <summary>The input text (as given).</summary>
    public string Text { get; }

    /// <summary>The parsed plate when valid, else null.</summary>
    public KoreanPlate? Plate { get; }

    /// <summary>Why the text is not a valid plate, else null.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Plate))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Plate is not null;

    internal static PlateParseResult Valid(string text, KoreanPlate plate) => new(text, plate, null);

    internal static PlateParseResult Invalid(string text, string error) => new(text, null, error);
}
