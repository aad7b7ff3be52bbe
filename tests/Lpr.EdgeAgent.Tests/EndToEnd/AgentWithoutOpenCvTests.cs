using System.Diagnostics;

namespace Lpr.EdgeAgent.Tests.EndToEnd;

/// <summary>
/// The agent as a device without OpenCvSharp's native library runs it (linux-arm64): a separate process whose copy
/// of the program folder has an unloadable <c>libOpenCvSharpExtern.so</c>, on the embedded default (the bundled
/// sample scenes, in-process broker) with the shipped recognizer and detector. Every frame must be decoded
/// (SkiaSharp), located by the learned locator (no OpenCV) and read, each passing car published once with its plate,
/// event crops JPEG-encoded (SkiaSharp), and the agent must exit cleanly: nothing on its path may touch OpenCV once
/// the probe said no.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class AgentWithoutOpenCvTests
{
    private const string OpenCvNative = "libOpenCvSharpExtern.so";

    [Fact]
    public async Task The_embedded_default_runs_end_to_end_with_opencv_unloadable()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("lpr-no-opencv-").FullName;
        try
        {
            var program = Path.Combine(root, "program");
            MirrorWithoutOpenCv(AppContext.BaseDirectory, program);
            var (exitCode, output) = await RunAsync(
                Path.Combine(program, "lpr-edge-agent.dll"),
                ["--Lpr:Recognizer:Backend=managed", "--Lpr:Pipeline:IncludeCrop=true", $"--Lpr:Outbox:Path={Path.Combine(root, "outbox.db")}"],
                ct);

            Assert.True(exitCode == 0, output);
            Assert.Contains("Camera sample: locator learned (kr-plate-detector-int8.tflite on managed)", output, StringComparison.Ordinal);
            var expected = File.ReadAllLines(Path.Combine(program, "samples", "scenes", "labels.tsv")).Select(l => l.Split('\t')[1]).Distinct().Order(StringComparer.Ordinal);
            var published = PlateField().Matches(output).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            Assert.Equal(expected, published);
            Assert.Contains("Camera sample: capturing from", output, StringComparison.Ordinal);
            Assert.Contains("(folder)", output, StringComparison.Ordinal);
            Assert.Contains("samples/scenes ended", output, StringComparison.Ordinal);
            Assert.Contains("\"crop\":\"/9j/", output, StringComparison.Ordinal); // a JPEG (FF D8 FF) written by SkiaSharp
            Assert.DoesNotContain("skipped an input", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);

            // The same folder really has no OpenCV: the classical locator is refused at start-up, saying why.
            var (classicalExit, classicalOutput) = await RunAsync(
                Path.Combine(program, "lpr-edge-agent.dll"),
                ["--Lpr:Cameras:0:Locator=classical", $"--Lpr:Outbox:Path={Path.Combine(root, "outbox2.db")}"],
                ct);
            Assert.Equal(2, classicalExit);
            Assert.Contains("Lpr:Cameras:0:Locator 'classical' needs OpenCvSharp, which does not load here (OpenCvSharp's native library cannot be loaded", classicalOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"plate\":\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex PlateField();

    /// <summary>
    /// The build output as a tree of symbolic links (cheap: the folder holds every runtime's native libraries), except
    /// the agent's own assembly, copied so that the host takes this folder as the program's, and OpenCvSharp's native
    /// library, replaced by a file that is not a library at all.
    /// </summary>
    private static void MirrorWithoutOpenCv(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var name = Path.GetFileName(entry);
            var target = Path.Combine(to, name);
            if (name == OpenCvNative)
            {
                File.WriteAllText(target, "not a shared library\n");
            }
            else if (Directory.Exists(entry) && ContainsOpenCvNative(entry))
            {
                MirrorWithoutOpenCv(entry, target);
            }
            else if (name == "lpr-edge-agent.dll")
            {
                File.Copy(entry, target);
            }
            else
            {
                File.CreateSymbolicLink(target, entry);
            }
        }
    }

    private static bool ContainsOpenCvNative(string directory) =>
        Directory.EnumerateFiles(directory, OpenCvNative, SearchOption.AllDirectories).Any();

    private static async Task<(int ExitCode, string Output)> RunAsync(string assembly, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", ["exec", assembly, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
