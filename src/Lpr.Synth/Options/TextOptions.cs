namespace Lpr.Synth.Options;

/// <summary>
/// The mix of plate designs and texts. Weights are relative (they need not sum to 1). The
/// syllable and region of a plate are drawn uniformly from what its design allows, so rare
/// classes (rental 하허호, delivery 배, every region) occur often enough to be learned.
/// </summary>
public sealed class TextOptions
{
    /// <summary>Relative weight of each plate design; a missing design gets weight 0.</summary>
    public Dictionary<PlateType, double> TypeWeights { get; set; } = new()
    {
        [PlateType.WhiteOneRow7] = 0.30,
        [PlateType.WhiteOneRow8] = 0.12,
        [PlateType.WhiteOneRow8Film] = 0.06,
        [PlateType.WhiteShort] = 0.10,
        [PlateType.GreenRegional] = 0.08,
        [PlateType.GreenRegionalOneDigit] = 0.02,
        [PlateType.GreenNational] = 0.04,
        [PlateType.YellowTwoRow] = 0.10,
        [PlateType.YellowOneRow] = 0.10,
        [PlateType.Electric] = 0.08,
    };

    /// <summary>Share of rental syllables (하 허 호) on white and electric plates.</summary>
    public double RentalShare { get; set; } = 0.12;

    /// <summary>Share of the delivery syllable 배 on yellow plates (the rest is 바 사 아 자).</summary>
    public double DeliveryShare { get; set; } = 0.2;

    /// <summary>Share of 3-digit numbers on electric plates.</summary>
    public double ElectricThreeDigitShare { get; set; } = 0.4;

    internal void Validate(string key, List<string> errors)
    {
        if (TypeWeights is null || TypeWeights.Count == 0)
        {
            errors.Add($"{key}.typeWeights must name at least one plate type with a positive weight.");
        }
        else
        {
            foreach (var (type, weight) in TypeWeights)
            {
                if (!(weight >= 0 && double.IsFinite(weight)))
                {
                    errors.Add($"{key}.typeWeights.{type} must be a finite weight >= 0, got {weight}.");
                }
            }

            if (TypeWeights.Values.Sum() <= 0)
            {
                errors.Add($"{key}.typeWeights must have at least one positive weight.");
            }
        }

        CropOptions.Probability(errors, $"{key}.rentalShare", RentalShare);
        CropOptions.Probability(errors, $"{key}.deliveryShare", DeliveryShare);
        CropOptions.Probability(errors, $"{key}.electricThreeDigitShare", ElectricThreeDigitShare);
    }
}
