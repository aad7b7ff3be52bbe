using Lpr.Core.Imaging;
using Lpr.Vision.Capture;
using Lpr.Vision.Imaging;

namespace Lpr.Vision.Tests.Capture;

public sealed class ImageFolderFrameSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lpr-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void WriteImage(string name, byte level, int width = 8) =>
        File.WriteAllBytes(Path.Combine(_folder, name), ImageCodec.EncodeJpeg(new PixelImage(width, 4, 1, [.. Enumerable.Repeat(level, width * 4)]), 100));

    [Fact]
    public void Reads_images_once_in_name_order_skips_unreadable_ones_with_the_reason_then_ends()
    {
        WriteImage("b.jpg", 100, width: 6);
        WriteImage("a.jpg", 50);
        File.WriteAllText(Path.Combine(_folder, "c.jpg"), "broken");
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not an image, not a frame");
        using var source = new ImageFolderFrameSource(_folder, watch: false);
        source.Open();
        var ct = TestContext.Current.CancellationToken;

        var first = source.Read(ct);
        var second = source.Read(ct);
        var third = source.Read(ct);

        Assert.Equal(8, first.Image!.Width);
        Assert.Equal(6, second.Image!.Width);
        Assert.Equal(FrameReadStatus.Skipped, third.Status);
        Assert.Contains("c.jpg", third.Error, StringComparison.Ordinal);
        Assert.Equal(FrameReadStatus.EndOfStream, source.Read(ct).Status);
        Assert.False(source.IsLive);
    }

    [Fact]
    public async Task A_watched_folder_delivers_images_that_appear_later()
    {
        WriteImage("a.jpg", 50);
        using var source = new ImageFolderFrameSource(_folder, watch: true) { PollInterval = TimeSpan.FromMilliseconds(20), SettleTime = TimeSpan.Zero };
        source.Open();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(FrameReadStatus.Frame, source.Read(ct).Status);

        var next = Task.Run(() => source.Read(ct), ct);
        WriteImage("b.jpg", 100, width: 6);

        var read = await next.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(6, read.Image!.Width);
        Assert.True(source.IsLive);
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        using var source = new ImageFolderFrameSource(Path.Combine(_folder, "nope"), watch: false);

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
