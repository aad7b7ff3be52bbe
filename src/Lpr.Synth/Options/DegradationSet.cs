namespace Lpr.Synth.Options;

/// <summary>
/// The degradations seen on real camera crops, each with a probability and a strength. Defaults
/// follow the real recognizer inputs: loose crops, 27% gray infrared frames, blur, JPEG, mild perspective.
/// </summary>
public sealed class DegradationSet
{
    /// <summary>Perspective (yaw/pitch foreshortening); strength 1 = corners moved by 18% of the plate height.</summary>
    public DegradationOptions Perspective { get; set; } = new(0.8, 0.6);

    /// <summary>In-plane rotation; strength 1 = ±12°.</summary>
    public DegradationOptions Rotation { get; set; } = new(0.7, 0.5);

    /// <summary>Linear motion blur; strength 1 = a kernel of 9% of the image width.</summary>
    public DegradationOptions MotionBlur { get; set; } = new(0.25, 0.5);

    /// <summary>Gaussian defocus; strength 1 = sigma of 3% of the image height.</summary>
    public DegradationOptions DefocusBlur { get; set; } = new(0.35, 0.5);

    /// <summary>Gaussian sensor noise; strength 1 = sigma 24 gray levels.</summary>
    public DegradationOptions Noise { get; set; } = new(0.6, 0.5);

    /// <summary>JPEG re-compression; strength 1 = quality 8, 0 = quality 90.</summary>
    public DegradationOptions Jpeg { get; set; } = new(0.6, 0.7);

    /// <summary>Over or under exposure (gain); strength 1 = gain from 0.35 to 1.9.</summary>
    public DegradationOptions Exposure { get; set; } = new(0.5, 0.6);

    /// <summary>Gamma; strength 1 = gamma 0.45 to 2.2.</summary>
    public DegradationOptions Gamma { get; set; } = new(0.4, 0.6);

    /// <summary>A cast shadow (straight edge) over part of the crop; strength 1 = 75% darker.</summary>
    public DegradationOptions Shadow { get; set; } = new(0.25, 0.6);

    /// <summary>A specular glare spot; strength 1 = saturating.</summary>
    public DegradationOptions Glare { get; set; } = new(0.12, 0.6);

    /// <summary>Dirt, stains and wear on the plate face; strength 1 = dense and dark.</summary>
    public DegradationOptions Dirt { get; set; } = new(0.35, 0.5);

    /// <summary>Night infrared look: gray, low contrast, retro-reflective plate blooming. Real crops: 27%.</summary>
    public DegradationOptions NightInfrared { get; set; } = new(0.27, 0.7);

    /// <summary>Colour cast of the camera white balance; strength 1 = ±30% per channel.</summary>
    public DegradationOptions ColorCast { get; set; } = new(0.4, 0.5);

    /// <summary>Rain streaks; strength 1 = many bright streaks.</summary>
    public DegradationOptions Rain { get; set; } = new(0.05, 0.5);

    /// <summary>
    /// Low source resolution: the crop is drawn at a small size and upscaled, as a 20–60 px high
    /// detector crop resized to the recognizer input; strength 1 = 20 px plate-crop height.
    /// </summary>
    public DegradationOptions LowResolution { get; set; } = new(0.45, 0.8);

    internal void Validate(string key, List<string> errors)
    {
        foreach (var (name, options) in All())
        {
            if (options is null)
            {
                errors.Add($"{key}.{name} must not be null.");
                continue;
            }

            options.Validate($"{key}.{name}", errors);
        }
    }

    public IEnumerable<(string Name, DegradationOptions? Options)> All()
    {
        yield return ("perspective", Perspective);
        yield return ("rotation", Rotation);
        yield return ("motionBlur", MotionBlur);
        yield return ("defocusBlur", DefocusBlur);
        yield return ("noise", Noise);
        yield return ("jpeg", Jpeg);
        yield return ("exposure", Exposure);
        yield return ("gamma", Gamma);
        yield return ("shadow", Shadow);
        yield return ("glare", Glare);
        yield return ("dirt", Dirt);
        yield return ("nightInfrared", NightInfrared);
        yield return ("colorCast", ColorCast);
        yield return ("rain", Rain);
        yield return ("lowResolution", LowResolution);
    }
}
