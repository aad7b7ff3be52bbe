namespace Lpr.Synth.Scenes;

/// <summary>
/// Where a vehicle's plate appears in a frame: centre, width in pixels, roll (degrees) and yaw
/// (fraction of the plate height one side is taller), pitch (fraction of the plate height the top
/// edge is wider on each side), plus the seed of its look and text, so the same vehicle can be drawn
/// again in the next frame of a sequence.
/// </summary>
public readonly record struct VehiclePlacement(float CenterX, float CenterY, float PlateWidth, float RollDegrees, float Yaw, int VehicleSeed, float Pitch = 0);
