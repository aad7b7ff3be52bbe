using System.Globalization;
using Lpr.Core.Plates;
using Lpr.Synth.Options;

namespace Lpr.Synth.Text;

/// <summary>
/// Draws plate texts that are valid by construction: first the design (by configured weight), then
/// the class number, syllable and region from what that design allows under the numbering rules
/// (PLATE_SPECS.md §9): 3 digits 100–699 (private/rental passenger cars, some 700–997 vans and
/// trucks), 2 digits 01–99 (00 is never issued), commercial 바사아자 and delivery 배 on yellow,
/// rental 하허호 on white and EV plates, 16 pre-2004 regions and the legacy syllable set on green plates.
/// </summary>
public sealed class PlateTextSampler
{
    /// <summary>Syllables of the 1996–2003 green regional plates (가–마, 거–머, 고–모, 구–무, 바사아자, 허).</summary>
    private static readonly string[] GreenRegionalHangul =
    [
        "가", "나", "다", "라", "마", "거", "너", "더", "러", "머", "고", "노", "도", "로", "모",
        "구", "누", "두", "루", "무", "바", "사", "아", "자", "허",
    ];

    private static readonly string[] Pre2004Regions = [.. PlateVocabulary.Regions.Where(PlateVocabulary.IsPre2004Region)];

    private readonly TextOptions options;
    private readonly PlateType[] types;
    private readonly double[] cumulativeWeights;

    public PlateTextSampler(TextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        var positive = options.TypeWeights.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        if (positive.Length == 0)
        {
            throw new SynthConfigException("text.typeWeights must have at least one positive weight.");
        }

        types = [.. positive.Select(kv => kv.Key)];
        cumulativeWeights = new double[positive.Length];
        var sum = 0.0;
        for (var i = 0; i < positive.Length; i++)
        {
            sum += positive[i].Value;
            cumulativeWeights[i] = sum;
        }
    }

    public PlateText Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var pick = random.NextDouble() * cumulativeWeights[^1];
        var index = Array.FindIndex(cumulativeWeights, w => pick < w);
        return Sample(types[index < 0 ? types.Length - 1 : index], random);
    }

    public PlateText Sample(PlateType type, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var tokens = new List<string>(9);
        switch (type)
        {
            case PlateType.WhiteOneRow7:
            case PlateType.WhiteShort:
                {
                    var rental = random.NextDouble() < options.RentalShare;
                    Digits(tokens, rental || type == PlateType.WhiteShort ? TwoDigitPassenger(random) : TwoDigitAny(random));
                    tokens.Add(rental ? Pick(PlateVocabulary.RentalHangul, random) : Pick(PlateVocabulary.PrivateHangul, random));
                    break;
                }

            case PlateType.WhiteOneRow8:
            case PlateType.WhiteOneRow8Film:
                {
                    var rental = random.NextDouble() < options.RentalShare;
                    Digits(tokens, rental ? random.Next(100, 700) : ThreeDigitAny(random));
                    tokens.Add(rental ? Pick(PlateVocabulary.RentalHangul, random) : Pick(PlateVocabulary.PrivateHangul, random));
                    break;
                }

            case PlateType.Electric:
                {
                    var rental = random.NextDouble() < options.RentalShare;
                    Digits(tokens, random.NextDouble() < options.ElectricThreeDigitShare ? random.Next(100, 700) : TwoDigitPassenger(random));
                    tokens.Add(rental ? Pick(PlateVocabulary.RentalHangul, random) : Pick(PlateVocabulary.PrivateHangul, random));
                    break;
                }

            case PlateType.GreenNational:
                Digits(tokens, TwoDigitAny(random));
                tokens.Add(Pick(PlateVocabulary.PrivateHangul, random));
                break;

            case PlateType.GreenRegional:
                tokens.Add(Pick(Pre2004Regions, random));
                Digits(tokens, TwoDigitAny(random));
                tokens.Add(Pick(GreenRegionalHangul, random));
                break;

            case PlateType.GreenRegionalOneDigit:
                tokens.Add(Pick(Pre2004Regions, random));
                tokens.Add(random.Next(0, 10).ToString(CultureInfo.InvariantCulture));
                tokens.Add(Pick(GreenRegionalHangul, random));
                break;

            case PlateType.YellowTwoRow:
            case PlateType.YellowOneRow:
                {
                    tokens.Add(Pick(PlateVocabulary.Regions, random));
                    var delivery = random.NextDouble() < options.DeliveryShare;
                    // Delivery (배) plates are parcel trucks: class 80–97.
                    Digits(tokens, delivery ? random.Next(80, 98) : TwoDigitAny(random));
                    tokens.Add(delivery ? "배" : Pick(PlateVocabulary.CommercialHangul, random));
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown plate type.");
        }

        // Serial 0001–9999 (0000 is never issued), leading zeros kept.
        var serial = random.Next(1, 10000).ToString("D4", CultureInfo.InvariantCulture);
        foreach (var c in serial)
        {
            tokens.Add(c.ToString());
        }

        return new PlateText(type, tokens);
    }

    /// <summary>01–99, weighted like the road: mostly passenger cars, some vans, trucks, special.</summary>
    private static int TwoDigitAny(Random random) => random.NextDouble() switch
    {
        < 0.7 => random.Next(1, 70),
        < 0.8 => random.Next(70, 80),
        < 0.97 => random.Next(80, 98),
        _ => random.Next(98, 100),
    };

    private static int TwoDigitPassenger(Random random) => random.Next(1, 70);

    /// <summary>Mostly 100–699 passenger cars; a few 700–997 from the later extension.</summary>
    private static int ThreeDigitAny(Random random) => random.NextDouble() < 0.85 ? random.Next(100, 700) : random.Next(700, 998);

    private static void Digits(List<string> tokens, int number)
    {
        var width = number >= 100 ? 3 : 2;
        foreach (var c in number.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        {
            tokens.Add(c.ToString());
        }
    }

    private static string Pick(IReadOnlyList<string> items, Random random) => items[random.Next(items.Count)];
}
