using Lpr.Synth.Options;

namespace Lpr.Training.Data;

/// <summary>
/// The scene settings the plate detector trains on by default: the generator's 1280x720 frames with
/// every plate design, up to 4 vehicles (15% empty frames), plates 48–360 pixels wide, stronger
/// perspective than the bundled samples (roll ±10°, yaw ±0.15, pitch ±0.12 of the plate height, the
/// vehicle drawn from the plate centre so it stays plausible), the crop degradations applied to the
/// whole frame (night infrared, motion blur, shadow, glare, JPEG) and up to 3 plate-like distractors.
/// A synth config file replaces all of it.
/// </summary>
public static class DetectorScenes
{
    public static SynthOptions CreateOptions() => new()
    {
        Scene = new SceneOptions
        {
            Width = 1280,
            Height = 720,
            MaxPlates = 4,
            EmptyProbability = 0.15,
            MinPlateWidth = 48,
            MaxPlateWidth = 360,
            MaxRollDegrees = 10,
            MaxYaw = 0.15,
            MaxPitch = 0.12,
            VehicleFromPlateCentre = true,
            CameraEffects = true,
            MaxDistractors = 3,
        },
    };
}
