using System.Text;
using Lpr.Core.Recognition;

namespace Lpr.Core.Tracking;

/// <summary>The outcome of voting over the readings of one track.</summary>
public sealed record CharacterVote(string Text, IReadOnlyList<CharacterConfidence> Characters, double Confidence, int Votes);

/// <summary>
/// Per-character voting weighted by confidence. The token count is voted first (weight = reading
/// confidence) so one reading that missed or doubled a character cannot shift every position; then each
/// position takes the token with the largest sum of character confidences among readings of that length.
/// A character's confidence is that sum divided by the number of voting readings, so disagreement lowers
/// it; the text's confidence is its weakest character (a plate is only as sure as its least sure glyph).
/// </summary>
public static class CharacterVoter
{
    public static CharacterVote Vote(IReadOnlyList<PlateReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var lengthWeights = new Dictionary<int, double>();
        foreach (var reading in readings)
        {
            if (reading.Characters.Count == 0)
            {
                continue;
            }

            lengthWeights[reading.Characters.Count] = lengthWeights.GetValueOrDefault(reading.Characters.Count) + Weight(reading);
        }

        if (lengthWeights.Count == 0)
        {
            return new CharacterVote(string.Empty, [], 0, 0);
        }

        // Ties go to the longer reading: a missed character is a likelier error than an invented one.
        var length = lengthWeights.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).First().Key;
        var voters = readings.Where(r => r.Characters.Count == length).ToList();
        var characters = new CharacterConfidence[length];
        var text = new StringBuilder();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var position = 0; position < length; position++)
        {
            scores.Clear();
            foreach (var reading in voters)
            {
                var c = reading.Characters[position];
                scores[c.Token] = scores.GetValueOrDefault(c.Token) + Math.Max(c.Confidence, 1e-6);
            }

            var winner = scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First();
            characters[position] = new CharacterConfidence(winner.Key, (float)Math.Min(1.0, winner.Value / voters.Count));
            text.Append(winner.Key);
        }

        var voted = text.ToString();
        var votes = readings.Count(r => string.Equals(Concatenate(r), voted, StringComparison.Ordinal));
        return new CharacterVote(voted, characters, characters.Min(c => (double)c.Confidence), votes);
    }

    internal static string Concatenate(PlateReading reading) => string.Concat(reading.Characters.Select(c => c.Token));

    private static double Weight(PlateReading reading) => Math.Max(reading.Confidence, 1e-6);
}
