using CsCheck;
using Lpr.Core.Plates;

namespace Lpr.Core.Tests.Plates;

/// <summary>CsCheck generators of plate texts, written from the rules (not from the automaton).</summary>
internal static class PlateGens
{
    private static readonly string[] NonCommercial = [.. PlateVocabulary.PrivateHangul, .. PlateVocabulary.RentalHangul];
    private static readonly string[] Commercial = [.. PlateVocabulary.CommercialHangul, .. PlateVocabulary.DeliveryHangul];
    private static readonly string[] AnyHangul = [.. PlateVocabulary.AllHangul];
    private static readonly string[] OldRegions = [.. PlateVocabulary.Regions.Where(r => r != "세종")];

    private static Gen<string> Serial => Gen.Int[1, 9999].Select(s => s.ToString("D4"));

    public static Gen<string> NationalTwoDigit =>
        Gen.Select(Gen.Int[1, 99], Gen.OneOf(NonCommercial), Serial, (n, h, s) => $"{n:D2}{h}{s}");

    public static Gen<string> NationalThreeDigit =>
        Gen.Select(Gen.Int[100, 999], Gen.OneOf(NonCommercial), Serial, (n, h, s) => $"{n}{h}{s}");

    public static Gen<string> RegionalTwoDigit =>
        Gen.Select(Gen.OneOf(OldRegions), Gen.Int[1, 99], Gen.OneOf(AnyHangul), Serial, (r, n, h, s) => $"{r}{n:D2}{h}{s}");

    public static Gen<string> SejongCommercial =>
        Gen.Select(Gen.Int[1, 99], Gen.OneOf(Commercial), Serial, (n, h, s) => $"세종{n:D2}{h}{s}");

    public static Gen<string> RegionalOneDigit =>
        Gen.Select(Gen.OneOf(OldRegions), Gen.Int[0, 9], Gen.OneOf(AnyHangul), Serial, (r, n, h, s) => $"{r}{n}{h}{s}");

    public static Gen<string> Valid => Gen.Frequency(
        (4, NationalTwoDigit), (4, NationalThreeDigit), (3, RegionalTwoDigit), (1, SejongCommercial), (1, RegionalOneDigit));

    /// <summary>All plate tokens, for mutations.</summary>
    public static string[] AllTokens { get; } = [.. PlateAlphabet.Default.Labels];

    /// <summary>Valid plates with 0–3 random token edits (insert, delete, replace): mostly near-misses.</summary>
    public static Gen<string[]> NearMissTokens =>
        Gen.Select(Valid, Gen.Int[0, int.MaxValue], (plate, seed) =>
        {
            var random = new Random(seed);
            var tokens = PlateAlphabet.Default.Tokenize(plate).ToList();
            var edits = random.Next(4);
            for (var e = 0; e < edits; e++)
            {
                var token = AllTokens[random.Next(AllTokens.Length)];
                switch (random.Next(3))
                {
                    case 0: tokens.Insert(random.Next(tokens.Count + 1), token); break;
                    case 1 when tokens.Count > 0: tokens.RemoveAt(random.Next(tokens.Count)); break;
                    default: if (tokens.Count > 0) { tokens[random.Next(tokens.Count)] = token; } break;
                }
            }

            return tokens.ToArray();
        });
}
