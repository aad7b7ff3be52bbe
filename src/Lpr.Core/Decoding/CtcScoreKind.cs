namespace Lpr.Core.Decoding;

/// <summary>What the numbers of a CTC score matrix are.</summary>
public enum CtcScoreKind
{
    /// <summary>
    /// Decide per matrix: probabilities when every value is in [0, 1] and every frame sums to 1
    /// within <see cref="CtcScores.ProbabilitySumTolerance"/> (wide enough for a dequantized uint8/int8
    /// softmax), otherwise logits.
    /// </summary>
    Auto,

    /// <summary>Softmax outputs: each frame is a distribution over the classes.</summary>
    Probabilities,

    /// <summary>Unnormalised scores (or log-probabilities); a log-softmax is applied per frame.</summary>
    Logits,
}
