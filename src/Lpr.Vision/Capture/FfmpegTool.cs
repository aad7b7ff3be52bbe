using System.ComponentModel;
using System.Diagnostics;

namespace Lpr.Vision.Capture;

/// <summary>
/// Starts <c>ffmpeg</c> or <c>ffprobe</c> directly (no shell: every argument is passed as it is, so a URL or
/// a file name is never interpreted), and turns a missing tool into a message that says how to install it.
/// </summary>
internal static class FfmpegTool
{
    public const string InstallCommand = "sudo apt-get install ffmpeg";

    private const int NoSuchFile = 2;

    public static Process Start(string path, string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new FrameSourceException($"{tool} ('{path}') did not start.");
        }
        catch (Win32Exception e)
        {
            var where = path.Contains('/', StringComparison.Ordinal) ? $"there is no executable at '{path}'" : "it is not on PATH";
            throw new FrameSourceException(
                e.NativeErrorCode == NoSuchFile
                    ? $"{tool} was not found ({where}); the ffmpeg capture backend needs ffmpeg and ffprobe: {InstallCommand}"
                    : $"{tool} ('{path}') cannot be started ({e.Message}); the ffmpeg capture backend needs ffmpeg and ffprobe: {InstallCommand}",
                e);
        }

        // Nothing is ever written to the tool; closing its stdin keeps it from waiting on (or grabbing) a terminal.
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Kills the process if it still runs; one that already exited (or was reaped) is left alone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }
}
