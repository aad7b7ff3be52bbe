namespace Lpr.EdgeAgent.Publishing;

/// <summary>One voted character of a <see cref="PlateEvent"/>: a token of <c>models/labels.txt</c> and its confidence (0..1).</summary>
public sealed record PlateEventCharacter(string Token, double Confidence);
