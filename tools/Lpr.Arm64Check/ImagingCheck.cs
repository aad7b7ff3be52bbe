using System.Text.Json;
using Lpr.Core.Imaging;
using Lpr.TfLite.Tests.Conformance;
using Lpr.Vision.Capture;
using Lpr.Vision.Imaging;
using Lpr.Vision.Localization;

namespace Lpr.Arm64Check;

/// <summary>
/// The device imaging path (SkiaSharp decode, managed warp, SkiaSharp JPEG) on one bundled frame: it must work, and
/// its digests are printed so a run on x64 and one on arm64 can be compared line for line.
/// </summary>
internal static class ImagingCheck
{
    public static bool Run(TextWriter output, string samples)
    {
        output.WriteLine($"imaging: default backend here {ImagingBackends.Describe(ImagingBackends.Default)}{(OpenCvRuntime.LoadProblem is { } problem ? $" ({problem})" : string.Empty)}");
        try
        {
            var frame = ImageCodec.Decode(File.ReadAllBytes(Path.Combine(samples, "frame_0000.jpg")), "frame_0000.jpg", ImagingBackend.Portable);
            using var json = JsonDocument.Parse(File.ReadLines(Path.Combine(samples, "annotations.jsonl")).First());
            var c = json.RootElement.GetProperty("plates")[0].GetProperty("corners").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var corners = new Quad(new(c[0], c[1]), new(c[2], c[3]), new(c[4], c[5]), new(c[6], c[7]));
            var crop = PlateRectifier.RecognizerCrop(frame, corners, 64, ImagingBackend.Portable);
            var jpeg = ImageCodec.EncodeJpeg(crop, 80, ImagingBackend.Portable);
            var back = ImageCodec.Decode(jpeg, "crop jpeg", ImagingBackend.Portable);
            var ok = frame is { Width: 1280, Height: 720, Channels: 3 } && crop.Height == 64 && back.Width == crop.Width && back.Channels == 1;
            output.WriteLine($"  portable decode frame_0000.jpg {frame.Width}x{frame.Height}x{frame.Channels} sha256 {RecordedOutputs.Sha256(frame.Data)[..16]}");
            output.WriteLine($"  portable plate crop {crop.Width}x{crop.Height} sha256 {RecordedOutputs.Sha256(crop.Data)[..16]}; JPEG q80 {jpeg.Length} bytes, decodes to {back.Width}x{back.Height}x{back.Channels}");
            output.WriteLine($"  imaging {(ok ? "ok" : "FAILED (unexpected sizes)")}");
            return ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteLine($"  imaging FAILED ({e.GetType().Name}: {e.Message})");
            return false;
        }
    }
}
