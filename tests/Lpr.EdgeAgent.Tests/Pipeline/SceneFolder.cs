using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.EdgeAgent.Tests.Pipeline;

/// <summary>A temporary image folder of uniform gray PNG frames (lossless, so the scripted recognizer sees the exact level).</summary>
internal sealed class SceneFolder : IDisposable
{
    private int _next;

    public SceneFolder() => Path = Directory.CreateTempSubdirectory("lpr-scenes-").FullName;

    public string Path { get; }

    public void Add(byte level, int frames)
    {
        for (var i = 0; i < frames; i++)
        {
            var image = new PixelImage(64, 48, 3, [.. Enumerable.Repeat(level, 64 * 48 * 3)]);
            using var mat = image.ToMat();
            Cv2.ImWrite(System.IO.Path.Combine(Path, $"frame-{_next++:D4}.png"), mat);
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
