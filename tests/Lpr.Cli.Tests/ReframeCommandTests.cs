using System.CommandLine;
using Lpr.Cli.Commands;
using Lpr.Testing;

namespace Lpr.Cli.Tests;

/// <summary>
/// <c>--detector</c> of <c>lpr eval</c> and <c>lpr recognize</c> with the shipped models, on crops framed looser than the
/// recognizer was trained on (<c>lpr synth --config scripts/loose-crops-synth.json</c>).
/// </summary>
public sealed class ReframeCommandTests : IDisposable
{
    private const int Crops = 12;
    private static readonly string Recognizer = RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite");
    private static readonly string Detector = RepoPaths.Combine("models", "kr-plate-detector-int8.tflite");
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-cli-reframe-");

    public ReframeCommandTests()
    {
        var (exitCode, _, error) = Run("synth", "--config", RepoPaths.Combine("scripts", "loose-crops-synth.json"), "--count", $"{Crops}", "--seed", "99", "--out", Data);
        Assert.True(exitCode == 0, error);
    }

    private string Data => Path.Combine(folder.FullName, "loose");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Eval_with_a_detector_says_how_many_crops_it_reframed_before_the_report()
    {
        var (exitCode, lines, error) = Run("eval", "--model", Recognizer, "--detector", Detector, "--backend", "managed", "--shifted-readings", "0", Data);

        Assert.True(exitCode == 0, error);
        var reframed = Assert.Single(lines, l => l.StartsWith("reframed: ", StringComparison.Ordinal));
        var counts = reframed.Split(' ');
        Assert.InRange(int.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture), 1, Crops);
        Assert.Equal($"of {Crops} crops,", $"{counts[2]} {counts[3]} {counts[4]}");
        Assert.StartsWith("accuracy: ", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("recognize")]
    public void A_detector_that_cannot_be_opened_exits_2_naming_it(string command)
    {
        var missing = Path.Combine(folder.FullName, "no-detector.tflite");
        var input = command == "eval" ? Data : Directory.GetFiles(Data, "*.png")[0];

        var (exitCode, lines, error) = Run(command, "--model", Recognizer, "--detector", missing, "--backend", "managed", input);

        Assert.Equal(2, exitCode);
        Assert.Empty(lines);
        Assert.Equal($"lpr: cannot open detector '{missing}': Model file not found: {missing}", error.Trim());
    }

    [Fact]
    public void Recognize_with_a_detector_prints_one_line_per_crop()
    {
        var crops = Directory.GetFiles(Data, "*.png").Order(StringComparer.Ordinal).Take(3).ToArray();

        var (exitCode, lines, error) = Run(["recognize", "--model", Recognizer, "--detector", Detector, "--backend", "managed", .. crops]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(crops.Select(Path.GetFileName), lines.Select(l => l.Split('\t')[0]));
    }

    private static (int ExitCode, string[] Lines, string Error) Run(params string[] args)
    {
        var root = new RootCommand { RecognizeCommand.Create(), EvalCommand.Create(), SynthCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }
}
