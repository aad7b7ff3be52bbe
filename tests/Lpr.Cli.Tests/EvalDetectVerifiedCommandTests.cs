using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Lpr.Cli.Commands;
using Lpr.Testing;

namespace Lpr.Cli.Tests;

/// <summary>
/// <c>lpr eval-detect --recognizer</c> on the shipped models (managed backend) and the bundled sample scenes
/// (12 frames, one labelled plate each): the candidates are verified as the agent verifies them, and only the
/// verified ones are counted.
/// </summary>
public sealed partial class EvalDetectVerifiedCommandTests : IDisposable
{
    private static readonly string Recognizer = RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite");
    private static readonly string Detector = RepoPaths.Combine("models", "kr-plate-detector-int8.tflite");
    private static readonly string Scenes = RepoPaths.Combine("samples", "scenes");
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-cli-eval-verified-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void The_classical_locators_candidates_are_counted_only_when_the_recognizer_verifies_them()
    {
        // The classical locator proposes several candidates per frame (signs, grilles, the plate boxed twice).
        var (locatedExit, located, _) = Run("eval-detect", "--locator", "classical", Scenes);
        var (verifiedExit, verified, error) = Run("eval-detect", "--locator", "classical", "--recognizer", Recognizer, "--backend", "managed", Scenes);

        Assert.Equal((0, 0), (locatedExit, verifiedExit));
        Assert.Equal(3, located.Length);
        Assert.True(verified.Length == 4, error);
        var before = Counts(located[0]);
        var after = Counts(verified[0]);
        var verifier = VerifierLine().Match(verified[1]);
        Assert.True(verifier.Success, verified[1]);
        Assert.Equal("kr-plate-recognizer-int8.tflite", verifier.Groups["model"].Value);
        Assert.Equal("0.5", verifier.Groups["min"].Value);

        // Every candidate is read: the verified ones are counted, the others are the verifier's rejections.
        var candidates = int.Parse(verifier.Groups["candidates"].Value, CultureInfo.InvariantCulture);
        var rejected = int.Parse(verifier.Groups["rejected"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(before.TruePositives + before.FalsePositives, candidates);
        Assert.Equal(candidates - rejected, after.TruePositives + after.FalsePositives);
        Assert.True(rejected > 0);
        Assert.True(after.FalsePositives < before.FalsePositives, $"{located[0]} / {verified[0]}");
        Assert.Equal(12, after.Plates);

        // The exact-match rate is over the verified true positives, compared with labels.tsv's text.
        Assert.Equal(after.TruePositives, int.Parse(verifier.Groups["of"].Value, CultureInfo.InvariantCulture));
        Assert.InRange(int.Parse(verifier.Groups["exact"].Value, CultureInfo.InvariantCulture), after.TruePositives - 1, after.TruePositives);
        Assert.Matches(@"^recall: \d\.\d{4} precision: \d\.\d{4}$", verified[^1]);
    }

    [Fact]
    public void The_learned_locator_verified_finds_every_sample_plate_and_reads_it()
    {
        var (exitCode, lines, error) = Run("eval-detect", "--model", Detector, "--backend", "managed", "--recognizer", Recognizer, "--min-confidence", "0.3", Scenes);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("locator: learned frames: 12 plates: 12 true-positives: 12 false-positives: 0 misses: 0", lines[0], StringComparison.Ordinal);
        var verifier = VerifierLine().Match(lines[1]);
        Assert.True(verifier.Success, lines[1]);
        Assert.Equal("0.3", verifier.Groups["min"].Value);
        Assert.Equal("12", verifier.Groups["of"].Value);
        Assert.InRange(int.Parse(verifier.Groups["exact"].Value, CultureInfo.InvariantCulture), 10, 12);
        Assert.Equal("recall: 1.0000 precision: 1.0000", lines[^1]);
    }

    [Fact]
    public void Exact_matches_compare_with_the_labelled_text()
    {
        // The same frames with every label's text changed: all plates are still found, none reads as labelled.
        foreach (var frame in Directory.EnumerateFiles(Scenes, "*.jpg"))
        {
            File.Copy(frame, Path.Combine(folder.FullName, Path.GetFileName(frame)));
        }

        File.WriteAllLines(Path.Combine(folder.FullName, "labels.tsv"), File.ReadLines(Path.Combine(Scenes, "labels.tsv"))
            .Select(l => l.Split('\t'))
            .Select(f => $"{f[0]}\t99무9999\t{f[2]}"));

        var (exitCode, lines, error) = Run("eval-detect", "--model", Detector, "--backend", "managed", "--recognizer", Recognizer, folder.FullName);

        Assert.True(exitCode == 0, error);
        // Nearly every plate is found and verified (a small plate's reading can fall under the confidence bar), none reads as labelled.
        var verifier = VerifierLine().Match(lines[1]);
        Assert.True(verifier.Success, lines[1]);
        Assert.Equal("0", verifier.Groups["exact"].Value);
        Assert.InRange(int.Parse(verifier.Groups["of"].Value, CultureInfo.InvariantCulture), 10, 12);
        Assert.EndsWith("precision: 1.0000", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Details_list_every_verified_plate_with_what_it_matched_and_its_confidences()
    {
        var details = Path.Combine(folder.FullName, "details.tsv");
        var (exitCode, lines, error) = Run("eval-detect", "--model", Detector, "--backend", "managed", "--recognizer", Recognizer, "--min-confidence", "0.3", "--details", details, Scenes);

        Assert.True(exitCode == 0, error);
        var labels = File.ReadLines(Path.Combine(Scenes, "labels.tsv")).Select(l => l.Split('	')).ToDictionary(f => f[0], f => f[1]);
        var rows = File.ReadAllLines(details);
        Assert.Equal("file\tx\ty\twidth\theight\tscore\tmatched\treading\tconfidence\tcharacters", rows[0]);
        var counts = Counts(lines[0]);
        Assert.Equal(counts.TruePositives + counts.FalsePositives, rows.Length - 1);
        var exact = 0;
        foreach (var row in rows.Skip(1).Select(r => r.Split('\t')))
        {
            Assert.Equal(10, row.Length);
            Assert.Equal(labels[row[0]], row[6]);
            var characters = row[9].Split(' ');
            Assert.Equal(row[7], string.Concat(characters.Select(c => c[..c.LastIndexOf(':')])));

            // The reading's confidence is the product of its characters'.
            var product = characters.Aggregate(1.0, (p, c) => p * double.Parse(c[(c.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
            Assert.Equal(double.Parse(row[8], CultureInfo.InvariantCulture), product, 0.001);
            Assert.InRange(double.Parse(row[5], CultureInfo.InvariantCulture), 0.3, 1.0);
            exact += row[6] == row[7] ? 1 : 0;
        }

        Assert.Equal(VerifierLine().Match(lines[1]).Groups["exact"].Value, exact.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_recognizer_that_cannot_be_used_exits_2_with_one_line()
    {
        var (absent, _, absentError) = Run("eval-detect", "--model", Detector, "--recognizer", Path.Combine(folder.FullName, "absent.tflite"), Scenes);
        var (badConfidence, _, badConfidenceError) = Run("eval-detect", "--model", Detector, "--recognizer", Recognizer, "--min-confidence", "-0.1", Scenes);
        var (noRecognizer, _, noRecognizerError) = Run("eval-detect", "--model", Detector, "--min-confidence", "0.7", Scenes);
        var (detailsAlone, _, detailsAloneError) = Run("eval-detect", "--model", Detector, "--details", Path.Combine(folder.FullName, "d.tsv"), Scenes);

        Assert.Equal((2, 2, 2, 2), (absent, badConfidence, noRecognizer, detailsAlone));
        Assert.Contains("--recognizer", detailsAloneError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.FullName, "d.tsv")));
        Assert.Contains("absent.tflite", absentError, StringComparison.Ordinal);
        Assert.Contains("--min-confidence", badConfidenceError, StringComparison.Ordinal);
        Assert.Contains("--recognizer", noRecognizerError, StringComparison.Ordinal);
        Assert.All(new[] { absentError, badConfidenceError, noRecognizerError }, e => Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static (int Plates, int TruePositives, int FalsePositives) Counts(string line)
    {
        var m = CountsLine().Match(line);
        Assert.True(m.Success, line);
        return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static (int ExitCode, string[] Lines, string Error) Run(params string[] args)
    {
        var root = new RootCommand { EvalDetectCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    [GeneratedRegex(@"plates: (\d+) true-positives: (\d+) false-positives: (\d+)")]
    private static partial Regex CountsLine();

    [GeneratedRegex(@"^verifier: (?<model>\S+) min-confidence: (?<min>[\d.]+) candidates: (?<candidates>\d+) rejected: (?<rejected>\d+) exact-match: (?<exact>\d+)/(?<of>\d+) \((?<rate>[\d.]+|n/a)\)$")]
    private static partial Regex VerifierLine();
}
