using System.Globalization;

namespace Lpr.Vision.Capture;

/// <summary>Asks ffprobe for a source's frame size, so ffmpeg's raw frames can be cut at the right length.</summary>
internal static class FfmpegProbe
{
    public static (int Width, int Height) FrameSize(FfmpegFrameSourceOptions options, string source, SourceKind kind, string description)
    {
        using var process = FfmpegTool.Start(options.ResolvedFfprobePath, "ffprobe", FfmpegArguments.Probe(source, kind));
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(options.ProbeTimeout))
        {
            FfmpegTool.Kill(process);
            process.WaitForExit(TimeSpan.FromSeconds(5));
            throw new FrameSourceException(
                $"ffprobe got no frame size from '{description}' within {options.ProbeTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (unreachable or not sending; configuring the frame size skips probing).");
        }

        process.WaitForExit();
        var said = new StderrTail(options.StderrLines);
        said.AddAll(errors.GetAwaiter().GetResult());
        if (process.ExitCode == 0 && TryParse(output.GetAwaiter().GetResult(), out var size))
        {
            return size;
        }

        throw new FrameSourceException(
            (process.ExitCode, kind) switch
            {
                (0, _) => $"'{description}' has no video stream (ffprobe found none).",
                (_, SourceKind.File) => $"Video file '{description}' cannot be read{said.Said("ffprobe")}.",
                (_, SourceKind.Device) => $"Camera device '{description}' cannot be opened{said.Said("ffprobe")}.",
                _ => $"Stream '{description}' cannot be opened{said.Said("ffprobe")}.",
            });
    }

    /// <summary>Parses ffprobe's <c>WIDTHxHEIGHT</c> line.</summary>
    internal static bool TryParse(string output, out (int Width, int Height) size)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('x', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height > 0)
            {
                size = (width, height);
                return true;
            }
        }

        size = default;
        return false;
    }
}
