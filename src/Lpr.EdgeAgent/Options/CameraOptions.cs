namespace Lpr.EdgeAgent.Options;

/// <summary>One camera (<c>Lpr:Cameras:N</c>). Only <see cref="Id"/> and <see cref="Source"/> are required.</summary>
public sealed class CameraOptions
{
    /// <summary>Camera id (<c>Lpr:Cameras:N:Id</c>), unique, used as an MQTT topic level.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// <c>/dev/video0</c> (or a device index), an <c>rtsp://</c> / <c>http://</c> URL, a video file, or a folder of
    /// images (<c>Lpr:Cameras:N:Source</c>). A relative path is resolved against the application's directory.
    /// </summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>
    /// Most frames per second passed on (<c>Lpr:Cameras:N:MaxFps</c>). A live source's extra frames are read and
    /// discarded (the newest frame counts); a file or folder is paced to this rate.
    /// </summary>
    public double MaxFps { get; set; } = 15;

    /// <summary>Clockwise rotation applied to every frame: 0, 90, 180 or 270.</summary>
    public int Rotation { get; set; }

    /// <summary>
    /// Region of interest polygon in (rotated) frame pixels, <c>"x,y x,y x,y …"</c> (at least 3 points);
    /// everything outside is blacked out before localization. Empty = the whole frame.
    /// </summary>
    public string? Roi { get; set; }

    /// <summary>
    /// Where the fixed-region locator expects the plate, <c>"x,y,width,height"</c> in frame pixels; empty = the
    /// whole frame is the plate crop. Used by the <c>fixed</c> locator (see <see cref="Locator"/>).
    /// </summary>
    public string? PlateRegion { get; set; }

    /// <summary>
    /// How plates are found in this camera's frames (<c>Lpr:Cameras:N:Locator</c>): <c>auto</c> (<c>fixed</c> when
    /// <see cref="PlateRegion"/> is set, else <c>classical</c>), <c>classical</c> (the no-model locator; its
    /// candidates are verified by the recognizer, see <c>Lpr:Locator</c>) or <c>fixed</c>.
    /// </summary>
    public string Locator { get; set; } = LocatorKinds.Auto;

    /// <summary>For an image folder: keep watching it for new images (true) or process it once and end (false).</summary>
    public bool WatchFolder { get; set; } = true;

    /// <summary>
    /// Treat the frames as live (<c>true</c>: when recognition falls behind, the oldest queued frame is dropped, counted)
    /// or as a recording (<c>false</c>: every frame waits for its turn, none is dropped). Unset: devices, streams and
    /// watched folders are live; video files and unwatched folders are recordings (<c>Lpr:Cameras:N:Live</c>). A file
    /// is paced to <see cref="MaxFps"/> either way, so <c>true</c> makes a recording behave like a camera.
    /// </summary>
    public bool? Live { get; set; }

    /// <summary>
    /// Capture backend of a device, stream or video file (<c>Lpr:Cameras:N:Backend</c>): <c>auto</c> (OpenCV where
    /// OpenCvSharp's native library loads, else ffmpeg), <c>opencv</c> or <c>ffmpeg</c> (an ffmpeg child process; for
    /// linux-arm64 devices). Image folders are read by their own reader whatever this says.
    /// </summary>
    public string Backend { get; set; } = "auto";

    /// <summary>
    /// ffmpeg backend only: frame width (<c>Lpr:Cameras:N:Width</c>), with <see cref="Height"/>. Frames are scaled to
    /// this size and a device is asked for this mode; 0 (both) = take the source's size from ffprobe.
    /// </summary>
    public int Width { get; set; }

    /// <summary>ffmpeg backend only: frame height (<c>Lpr:Cameras:N:Height</c>); see <see cref="Width"/>.</summary>
    public int Height { get; set; }

    /// <summary>First wait after the source failed; doubles per failure up to <see cref="ReconnectMaxDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
