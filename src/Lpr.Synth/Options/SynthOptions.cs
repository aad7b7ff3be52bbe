namespace Lpr.Synth.Options;

/// <summary>
/// Everything the generator can be told, bound from a JSON file (camelCase keys, unknown keys
/// rejected) and validated by <see cref="Validate"/> before any rendering starts.
/// </summary>
public sealed class SynthOptions
{
    /// <summary>Width of a recognizer crop in pixels.</summary>
    public int Width { get; set; } = 128;

    /// <summary>Height of a recognizer crop in pixels.</summary>
    public int Height { get; set; } = 64;

    /// <summary>Gray output (the recognizer's input); false keeps BGR.</summary>
    public bool Grayscale { get; set; } = true;

    public TextOptions Text { get; set; } = new();

    public CropOptions Crop { get; set; } = new();

    public DegradationSet Degradations { get; set; } = new();

    public FontOptions Fonts { get; set; } = new();

    public SceneOptions Scene { get; set; } = new();

    /// <summary>All problems of this configuration, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Width is < 8 or > 4096)
        {
            errors.Add($"width must be between 8 and 4096, got {Width}.");
        }

        if (Height is < 8 or > 4096)
        {
            errors.Add($"height must be between 8 and 4096, got {Height}.");
        }

        Section(errors, "text", Text, (s, k) => s.Validate(k, errors));
        Section(errors, "crop", Crop, (s, k) => s.Validate(k, errors));
        Section(errors, "degradations", Degradations, (s, k) => s.Validate(k, errors));
        Section(errors, "fonts", Fonts, (s, k) => s.Validate(k, errors));
        Section(errors, "scene", Scene, (s, k) => s.Validate(k, errors));
        return errors;
    }

    /// <summary>Throws <see cref="SynthConfigException"/> listing every problem when the options are invalid.</summary>
    public SynthOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new SynthConfigException(errors);
        }

        return this;
    }

    private static void Section<T>(List<string> errors, string key, T? section, Action<T, string> validate)
        where T : class
    {
        if (section is null)
        {
            errors.Add($"{key} must not be null.");
            return;
        }

        validate(section, key);
    }
}
