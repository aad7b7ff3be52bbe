namespace Lpr.Synth.Options;

/// <summary>Scene mode: plates on procedural vehicles in larger frames, for localization work.</summary>
public sealed class SceneOptions
{
    public int Width { get; set; } = 1280;

    public int Height { get; set; } = 720;

    /// <summary>Most vehicles (plates) in one frame; a frame may have none.</summary>
    public int MaxPlates { get; set; } = 3;

    /// <summary>Share of frames without any vehicle.</summary>
    public double EmptyProbability { get; set; } = 0.1;

    /// <summary>Smallest and largest plate width in pixels.</summary>
    public int MinPlateWidth { get; set; } = 60;

    public int MaxPlateWidth { get; set; } = 260;

    /// <summary>JPEG quality of written scene frames.</summary>
    public int JpegQuality { get; set; } = 85;

    internal void Validate(string key, List<string> errors)
    {
        if (Width is < 64 or > 8192)
        {
            errors.Add($"{key}.width must be between 64 and 8192, got {Width}.");
        }

        if (Height is < 64 or > 8192)
        {
            errors.Add($"{key}.height must be between 64 and 8192, got {Height}.");
        }

        if (MaxPlates is < 0 or > 16)
        {
            errors.Add($"{key}.maxPlates must be between 0 and 16, got {MaxPlates}.");
        }

        CropOptions.Probability(errors, $"{key}.emptyProbability", EmptyProbability);
        if (MinPlateWidth < 16 || MinPlateWidth > Width)
        {
            errors.Add($"{key}.minPlateWidth must be between 16 and the frame width, got {MinPlateWidth}.");
        }

        if (MaxPlateWidth < MinPlateWidth || MaxPlateWidth > Width)
        {
            errors.Add($"{key}.maxPlateWidth must be between minPlateWidth and the frame width, got {MaxPlateWidth}.");
        }

        if (JpegQuality is < 1 or > 100)
        {
            errors.Add($"{key}.jpegQuality must be between 1 and 100, got {JpegQuality}.");
        }
    }
}
