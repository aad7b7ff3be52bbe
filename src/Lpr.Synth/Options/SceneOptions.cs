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

    /// <summary>Largest in-plane roll of a plate, in degrees either way.</summary>
    public double MaxRollDegrees { get; set; } = 4;

    /// <summary>Largest yaw: one side of the plate taller than the other by up to this fraction of its height, either way.</summary>
    public double MaxYaw { get; set; } = 0.06;

    /// <summary>
    /// Largest pitch: the top edge wider than the bottom (or narrower) by up to this fraction of the
    /// plate height on each side, as a camera looking down on a plate sees it. 0 (the default) draws none.
    /// </summary>
    public double MaxPitch { get; set; }

    /// <summary>
    /// Draw each vehicle with the plate map's affine at the plate centre instead of its affine part at
    /// the top-left corner: the corner form shears the vehicle along with the plate's yaw and pitch,
    /// which is tolerable only for the default small yaw. Off by default so existing frames stay as they were.
    /// </summary>
    public bool VehicleFromPlateCentre { get; set; }

    /// <summary>
    /// Whole-frame camera effects beyond exposure, defocus and noise: night infrared, motion blur, cast
    /// shadows, glare, rain and JPEG, each with the probability and strength of the crop degradations.
    /// Off by default (the bundled samples and the classical baseline were made without them); the
    /// learned locator trains with them on.
    /// </summary>
    public bool CameraEffects { get; set; }

    /// <summary>
    /// Most plate-like distractors per frame: signs, stickers and panels with a plate's proportions and
    /// text-like strokes that are not plates (a locator must learn the difference). 0 (the default) draws none.
    /// </summary>
    public int MaxDistractors { get; set; }

    /// <summary>
    /// Share of plates drawn without a vehicle: on a patch of the crop renderer's surround (body paint,
    /// bumper, holder frame) of random extent, or on nothing but the background. A detector that only
    /// ever sees plates on the drawn cars learns the car as much as the plate, and real cars are not
    /// drawn cars. 0 (the default) draws every plate on a vehicle.
    /// </summary>
    public double FreePlateProbability { get; set; }

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

        if (!(MaxRollDegrees is >= 0 and <= 30))
        {
            errors.Add($"{key}.maxRollDegrees must be between 0 and 30, got {MaxRollDegrees}.");
        }

        if (!(MaxYaw is >= 0 and <= 0.4))
        {
            errors.Add($"{key}.maxYaw must be between 0 and 0.4, got {MaxYaw}.");
        }

        if (!(MaxPitch is >= 0 and <= 0.4))
        {
            errors.Add($"{key}.maxPitch must be between 0 and 0.4, got {MaxPitch}.");
        }

        if (MaxDistractors is < 0 or > 32)
        {
            errors.Add($"{key}.maxDistractors must be between 0 and 32, got {MaxDistractors}.");
        }

        CropOptions.Probability(errors, $"{key}.freePlateProbability", FreePlateProbability);
    }
}
