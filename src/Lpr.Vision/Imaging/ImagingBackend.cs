using Lpr.Vision.Capture;

namespace Lpr.Vision.Imaging;

/// <summary>Which code decodes and encodes images and warps plate crops.</summary>
public enum ImagingBackend
{
    /// <summary>OpenCvSharp (<c>imdecode</c>, <c>imencode</c>, <c>warpPerspective</c>), where its native library loads.</summary>
    OpenCv,

    /// <summary>
    /// SkiaSharp for decoding and JPEG encoding (its NuGet package ships linux-arm64 natives) and a managed
    /// bilinear warp (<see cref="PerspectiveWarp"/>): the device path on linux-arm64, where OpenCvSharp has no native library.
    /// </summary>
    Portable,
}

/// <summary>The imaging backend of this process: OpenCV where it loads (probed once), else the portable one.</summary>
public static class ImagingBackends
{
    /// <summary>
    /// <see cref="ImagingBackend.OpenCv"/> where <see cref="OpenCvRuntime.IsAvailable"/>, else <see cref="ImagingBackend.Portable"/>.
    /// Nothing OpenCV-typed is touched before the probe says it loads; the portable classes name no OpenCvSharp type.
    /// </summary>
    public static ImagingBackend Default => OpenCvRuntime.IsAvailable ? ImagingBackend.OpenCv : ImagingBackend.Portable;

    /// <summary>For logs: <c>opencv</c> or <c>portable (SkiaSharp + managed warp)</c>.</summary>
    public static string Describe(ImagingBackend backend) => backend switch
    {
        ImagingBackend.OpenCv => "opencv",
        _ => "portable (SkiaSharp + managed warp)",
    };
}
