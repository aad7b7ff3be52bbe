using System.CommandLine;
using System.Globalization;
using Lpr.Core.Localization;

namespace Lpr.Cli.Commands;

/// <summary>
/// The recognizer as verifier in <c>lpr read</c> and <c>lpr eval-detect --recognizer</c>: <c>--min-confidence</c>, the
/// lowest confidence of a valid reading that makes a located candidate a plate (default 0.5, the agent's
/// <c>Lpr:Locator:MinCandidateConfidence</c>, so the tool keeps what the agent would publish).
/// </summary>
internal sealed class VerifierOptions
{
    public Option<double> MinConfidence { get; } = new("--min-confidence")
    {
        Description = "Lowest confidence (0..1) of a valid reading that makes a located candidate a plate; the agent's Lpr:Locator:MinCandidateConfidence.",
        DefaultValueFactory = _ => 0.5,
    };

    public void AddTo(Command command) => command.Options.Add(MinConfidence);

    /// <summary>The verifier asked for, or null after writing why not to <paramref name="error"/> (one line).</summary>
    public PlateCandidateVerifier? Open(ParseResult parseResult, TextWriter error)
    {
        var minConfidence = parseResult.GetValue(MinConfidence);
        if (minConfidence is < 0 or > 1 || double.IsNaN(minConfidence))
        {
            error.WriteLine($"lpr: --min-confidence must be between 0 and 1, got {minConfidence.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return new PlateCandidateVerifier(minConfidence);
    }
}
