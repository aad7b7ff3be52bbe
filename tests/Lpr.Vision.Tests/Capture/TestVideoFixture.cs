using Lpr.Testing;

namespace Lpr.Vision.Tests.Capture;

/// <summary>One 160x120, 20-frame test video made by ffmpeg, shared by a test class and deleted after it.</summary>
public sealed class TestVideoFixture : IDisposable
{
    public const int Frames = 20;
    public const int Width = 160;
    public const int Height = 120;

    public TestVideoFixture()
    {
        Folder = Directory.CreateTempSubdirectory("lpr-ffmpeg-").FullName;
        Clip = TestVideos.Generate(Folder, "clip.mkv", Frames, Width, Height);
    }

    public string Folder { get; }

    public string Clip { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
