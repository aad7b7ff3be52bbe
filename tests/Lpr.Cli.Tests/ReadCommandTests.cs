using System.CommandLine;
using System.Text.Json;
using Lpr.Cli.Commands;
using Lpr.Core.Imaging;
using Lpr.Testing;
using OpenCvSharp;

namespace Lpr.Cli.Tests;

/// <summary>
/// <c>lpr read</c> on the shipped models (managed backend) and the bundled sample scenes, whose labels.tsv holds
/// each frame's plate and box.
/// </summary>
public sealed class ReadCommandTests : IDisposable
{
    private static readonly string Recognizer = RepoPaths.Combine("models", "kr-plate-recognizer-int8.tflite");
    private static readonly string Detector = RepoPaths.Combine("models", "kr-plate-detector-int8.tflite");
    private static readonly string Scenes = RepoPaths.Combine("samples", "scenes");
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-cli-read-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Read_with_both_models_prints_each_frames_labelled_plate_as_json()
    {
        var (exitCode, lines, error) = Run("read", "--model", Recognizer, "--detector", Detector, "--backend", "managed", "--json", Frame("frame_0004.jpg"), Frame("frame_0008.jpg"));

        Assert.True(exitCode == 0, error);
        Assert.Equal(2, lines.Length);
        foreach (var (line, file) in lines.Zip(["frame_0004.jpg", "frame_0008.jpg"]))
        {
            using var json = JsonDocument.Parse(line);
            var plate = json.RootElement;
            Assert.Equal(["file", "text", "greedy", "valid", "confidence", "chars", "box", "corners", "score"], plate.EnumerateObject().Select(p => p.Name));
            Assert.Equal(file, plate.GetProperty("file").GetString());
            var (text, box) = Label(file);
            Assert.Equal(text, plate.GetProperty("text").GetString());
            Assert.True(plate.GetProperty("valid").GetBoolean());
            Assert.InRange(plate.GetProperty("confidence").GetDouble(), 0.5, 1);
            Assert.Equal(text, string.Concat(plate.GetProperty("chars").EnumerateArray().Select(c => c.GetProperty("token").GetString())));
            Assert.All(plate.GetProperty("chars").EnumerateArray(), c => Assert.InRange(c.GetProperty("confidence").GetDouble(), 0, 1));
            var found = plate.GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.InRange(new PixelRect(found[0], found[1], found[2], found[3]).IntersectionOverUnion(box), 0.5, 1);
            Assert.Equal(8, plate.GetProperty("corners").GetArrayLength());
            Assert.InRange(plate.GetProperty("score").GetDouble(), 0.3, 1); // the detector's own threshold
        }
    }

    [Fact]
    public void Read_without_a_detector_locates_classically_and_prints_one_line_per_plate()
    {
        var (exitCode, lines, error) = Run("read", "--model", Recognizer, "--backend", "managed", Frame("frame_0000.jpg"));

        Assert.True(exitCode == 0, error);
        var fields = Assert.Single(lines).Split('\t');
        var (text, box) = Label("frame_0000.jpg");
        Assert.Equal(["frame_0000.jpg", text], fields[..2]);
        Assert.InRange(double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), 0.5, 1);
        var found = fields[3].Split(',').Select(int.Parse).ToArray();
        Assert.InRange(new PixelRect(found[0], found[1], found[2], found[3]).IntersectionOverUnion(box), 0.5, 1);
    }

    [Fact]
    public void A_frame_without_plates_says_so_in_lines_and_prints_nothing_in_json()
    {
        var empty = Path.Combine(folder.FullName, "empty.png");
        using (var black = new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(0)))
        {
            Cv2.ImWrite(empty, black);
        }

        var (exitCode, lines, _) = Run("read", "--model", Recognizer, "--detector", Detector, "--backend", "managed", empty);
        var (jsonExitCode, jsonLines, _) = Run("read", "--model", Recognizer, "--detector", Detector, "--backend", "managed", "--json", empty);

        Assert.Equal((0, 0), (exitCode, jsonExitCode));
        Assert.Equal(["empty.png\t(no plate)"], lines);
        Assert.Empty(jsonLines);
    }

    [Fact]
    public void An_unreadable_image_exits_1_naming_it_after_reading_the_others()
    {
        var missing = Path.Combine(folder.FullName, "absent.jpg");

        var (exitCode, lines, error) = Run("read", "--model", Recognizer, "--detector", Detector, "--backend", "managed", missing, Frame("frame_0008.jpg"));

        Assert.Equal(1, exitCode);
        Assert.Contains("absent.jpg", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("frame_0008.jpg\t" + Label("frame_0008.jpg").Text + "\t", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_options_and_models_exit_2_with_one_line()
    {
        var frame = Frame("frame_0000.jpg");

        var (noModel, _, noModelError) = Run("read", "--detector", Detector, frame);
        var (noDetector, _, noDetectorError) = Run("read", "--model", Recognizer, "--locator", "learned", frame);
        var (absentDetector, _, absentDetectorError) = Run("read", "--model", Recognizer, "--detector", Path.Combine(folder.FullName, "absent.tflite"), frame);
        var (badConfidence, _, badConfidenceError) = Run("read", "--model", Recognizer, "--min-confidence", "1.5", frame);
        var (detectorAsRecognizer, _, detectorAsRecognizerError) = Run("read", "--model", Detector, "--backend", "managed", frame);

        Assert.Equal((2, 2, 2, 2, 2), (noModel, noDetector, absentDetector, badConfidence, detectorAsRecognizer));
        Assert.Equal("lpr: --model RECOGNIZER.tflite is required.", noModelError.Trim());
        Assert.Contains("--detector", noDetectorError, StringComparison.Ordinal);
        Assert.Contains("absent.tflite", absentDetectorError, StringComparison.Ordinal);
        Assert.Contains("--min-confidence", badConfidenceError, StringComparison.Ordinal);
        Assert.Contains("kr-plate-detector-int8", detectorAsRecognizerError, StringComparison.Ordinal);
        Assert.All(new[] { noModelError, noDetectorError, absentDetectorError, badConfidenceError, detectorAsRecognizerError }, e => Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static string Frame(string name) => Path.Combine(Scenes, name);

    /// <summary>The plate text and box labels.tsv gives <paramref name="file"/> (one plate per sample frame).</summary>
    private static (string Text, PixelRect Box) Label(string file)
    {
        var fields = File.ReadLines(Path.Combine(Scenes, "labels.tsv")).Select(l => l.Split('\t')).Single(f => f[0] == file);
        var b = fields[2].Split(',').Select(int.Parse).ToArray();
        return (fields[1], new PixelRect(b[0], b[1], b[2], b[3]));
    }

    private static (int ExitCode, string[] Lines, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ReadCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }
}
