using System.CommandLine;
using System.Text.Json;
using Lpr.Cli.Commands;
using Lpr.Core.Localization;
using Lpr.Testing;
using OpenCvSharp;

namespace Lpr.Cli.Tests;

/// <summary>
/// <c>lpr detect --model</c> and <c>lpr eval-detect --model</c> with the learned locator on a real .tflite,
/// <see cref="CellDetectorModel"/>: in a 160x96 frame (shrunk by 2 into its 80x48 input) a bright 16x16
/// square at (64, 32) is a plate with the box (40, 32, 64, 16).
/// </summary>
public sealed class DetectCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-cli-detect-");

    public DetectCommandTests()
    {
        File.WriteAllBytes(ModelPath, CellDetectorModel.Build(80, 48));
        File.WriteAllText(Path.ChangeExtension(ModelPath, ".json"), DetectorDescriptor.CreateDefault(80, 48, CellDetectorModel.Stride).ToJson());
    }

    private string ModelPath => Path.Combine(folder.FullName, "cells.tflite");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Detect_with_a_model_runs_the_learned_locator_and_prints_its_plates()
    {
        var frame = WriteFrame("a.png", plate: true);

        var (exitCode, lines, _) = Run("detect", "--model", ModelPath, "--backend", "managed", frame);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(lines.Single());
        var root = json.RootElement;
        Assert.Equal("learned", root.GetProperty("locator").GetString());
        var plate = root.GetProperty("plates").EnumerateArray().Single();
        Assert.Equal([40, 32, 64, 16], plate.GetProperty("box").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(1.0, plate.GetProperty("score").GetDouble(), 3);
    }

    [Fact]
    public void Eval_detect_with_a_model_measures_the_learned_locator_on_a_labelled_folder()
    {
        WriteFrame("a.png", plate: true);
        WriteFrame("b.png", plate: false);
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "a.png\t12가3456\t40,32,64,16\n");

        var (exitCode, lines, _) = Run("eval-detect", "--model", ModelPath, "--backend", "managed", folder.FullName);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("locator: learned frames: 2 plates: 1 true-positives: 1 false-positives: 0", lines[0], StringComparison.Ordinal);
        Assert.Equal("recall: 1.0000 precision: 1.0000", lines[^1]);
    }

    [Fact]
    public void The_learned_locator_without_a_usable_model_fails_with_one_line()
    {
        var frame = WriteFrame("a.png", plate: true);
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "a.png\t12가3456\t40,32,64,16\n");

        var (noModel, _, noModelError) = Run("detect", "--locator", "learned", frame);
        var (missing, _, missingError) = Run("detect", "--model", Path.Combine(folder.FullName, "absent.tflite"), frame);
        File.Delete(Path.ChangeExtension(ModelPath, ".json"));
        var (noDescriptor, _, noDescriptorError) = Run("eval-detect", "--model", ModelPath, folder.FullName);

        Assert.Equal((2, 2, 2), (noModel, missing, noDescriptor));
        Assert.Contains("--model", noModelError, StringComparison.Ordinal);
        Assert.Contains("absent.tflite", missingError, StringComparison.Ordinal);
        Assert.Contains("cells.json", noDescriptorError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missingError + noDescriptorError, StringComparison.Ordinal);
    }

    private static (int ExitCode, string[] Lines, string Error) Run(params string[] args)
    {
        var root = new RootCommand { DetectCommand.Create(), EvalDetectCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    /// <summary>A black 160x96 PNG, with the bright square of a plate when asked.</summary>
    private string WriteFrame(string name, bool plate)
    {
        using var image = new Mat(96, 160, MatType.CV_8UC1, Scalar.All(0));
        if (plate)
        {
            image[new Rect(64, 32, 16, 16)].SetTo(Scalar.All(255));
        }

        var path = Path.Combine(folder.FullName, name);
        Cv2.ImWrite(path, image);
        return path;
    }
}
