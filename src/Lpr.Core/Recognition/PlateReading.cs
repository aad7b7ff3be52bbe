namespace Lpr.Core.Recognition;

/// <summary>One character of a reading with the probability the decoder gave it.</summary>
public readonly record struct CharacterConfidence(string Token, float Confidence);

/// <summary>
/// What the recognizer read from one crop: the grammar-constrained text (empty when no valid plate
/// is reachable), the raw greedy text, whether the text is a valid plate, and confidences.
/// </summary>
public sealed record PlateReading(
    string Text,
    string Greedy,
    bool Valid,
    float Confidence,
    IReadOnlyList<CharacterConfidence> Characters);
