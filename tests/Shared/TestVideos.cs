using System.Diagnostics;
using System.Globalization;

namespace Lpr.Testing;

/// <summary>
/// Makes small test videos with ffmpeg itself (lavfi's <c>testsrc</c>: colour bars, a moving gradient and a frame
/// counter, so frames have content and differ). ffmpeg is installed by scripts/install-deps.sh.
/// </summary>
internal static class TestVideos
{
    public static string Generate(string folder, string name, int frames, int width = 160, int height = 120, int rate = 10)
    {
        var path = Path.Combine(folder, name);
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=size={width}x{height}:rate={rate}"),
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "mpeg4", "-q:v", "2", path,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException("ffmpeg did not make the test video within 30 s.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not make the test video (exit {process.ExitCode}): {errors.GetAwaiter().GetResult()} (install it: bash scripts/install-deps.sh)");
        }

        return path;
    }
}
