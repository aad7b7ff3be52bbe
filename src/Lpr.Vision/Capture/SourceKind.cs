using System.Globalization;

namespace Lpr.Vision.Capture;

/// <summary>What a configured source string names; every capture backend classifies it the same way.</summary>
internal enum SourceKind
{
    /// <summary>A V4L2 device: <c>/dev/video0</c> or a device index.</summary>
    Device,

    /// <summary>A URL (<c>rtsp://</c>, <c>http://</c>, …): live, reconnected when lost.</summary>
    Stream,

    /// <summary>A video file: finite, its end ends the camera.</summary>
    File,
}

internal static class SourceKinds
{
    public static SourceKind Classify(string source)
    {
        if (source.Contains("://", StringComparison.Ordinal))
        {
            return SourceKind.Stream;
        }

        return source.StartsWith("/dev/", StringComparison.Ordinal) || IsDeviceIndex(source, out _)
            ? SourceKind.Device
            : SourceKind.File;
    }

    public static bool IsDeviceIndex(string source, out int index) =>
        int.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out index);
}
