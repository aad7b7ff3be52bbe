namespace Lpr.EdgeAgent.Publishing;

/// <summary>Axis-aligned plate box in frame pixels.</summary>
public sealed record PlateEventBoundingBox(int X, int Y, int Width, int Height);
