using OpenCvSharp;

namespace Lpr.Synth.Degradations;

/// <summary>JPEG re-compression: blocking and ringing as cameras and detectors produce them.</summary>
internal static class JpegArtefacts
{
    /// <summary>Encodes and decodes in memory at quality 90 (strength 0) down to 8 (strength 1).</summary>
    public static void Apply(Mat image, Random random, double strength)
    {
        var quality = (int)Math.Round(90 - (random.NextDouble() * strength * 82));
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        using var decoded = Cv2.ImDecode(bytes, image.Channels() == 1 ? ImreadModes.Grayscale : ImreadModes.Color);
        decoded.CopyTo(image);
    }
}
