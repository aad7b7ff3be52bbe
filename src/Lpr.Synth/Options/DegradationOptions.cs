namespace Lpr.Synth.Options;

/// <summary>
/// One image degradation: how often it is applied and how strongly. Strength 0..1 is mapped by each
/// effect to its own physical range (documented on <see cref="DegradationSet"/>); each application
/// draws a random strength between 0 and this value.
/// </summary>
public sealed class DegradationOptions
{
    public DegradationOptions()
    {
    }

    public DegradationOptions(double probability, double strength)
    {
        Probability = probability;
        Strength = strength;
    }

    /// <summary>Chance of applying the effect to a sample, 0..1.</summary>
    public double Probability { get; set; }

    /// <summary>Upper bound of the effect's strength, 0..1.</summary>
    public double Strength { get; set; } = 1;

    internal void Validate(string key, List<string> errors)
    {
        if (!(Probability is >= 0 and <= 1))
        {
            errors.Add($"{key}.probability must be between 0 and 1, got {Probability}.");
        }

        if (!(Strength is >= 0 and <= 1))
        {
            errors.Add($"{key}.strength must be between 0 and 1, got {Strength}.");
        }
    }
}
