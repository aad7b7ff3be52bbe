using Lpr.Vision.Imaging;

namespace Lpr.Vision.Capture;

/// <summary>
/// The images of a folder as frames, in file-name order. Not watched: each image once, then the end.
/// Watched: after the existing images, new ones as they appear (polled, so it also works on network
/// shares), skipping a file until it has not been written to for <see cref="SettleTime"/> — a camera
/// or an FTP upload may still be writing it. An unreadable image is skipped with its reason, not fatal.
/// </summary>
public sealed class ImageFolderFrameSource : IFrameSource
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp" };

    private readonly string _folder;
    private readonly bool _watch;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _pending = new();

    public ImageFolderFrameSource(string folder, bool watch, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = folder;
        _watch = watch;
        _time = time ?? TimeProvider.System;
        Description = folder;
    }

    public string Description { get; }

    public bool IsLive => _watch;

    public string BackendName => "folder";

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    public static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path));

    public void Open()
    {
        if (!Directory.Exists(_folder))
        {
            throw new FrameSourceException($"Image folder '{_folder}' does not exist.");
        }

        _pending.Clear();
        Scan(settled: !_watch);
    }

    public FrameRead Read(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_pending.TryDequeue(out var file))
            {
                try
                {
                    return FrameRead.Of(ImageCodec.Load(file));
                }
                catch (ImageDecodeException e)
                {
                    return FrameRead.Skip(e.Message);
                }
            }

            if (!_watch)
            {
                return FrameRead.Ended;
            }

            if (!Directory.Exists(_folder))
            {
                throw new FrameSourceException($"Image folder '{_folder}' disappeared.");
            }

            Task.Delay(PollInterval, _time, cancellationToken).GetAwaiter().GetResult();
            Scan(settled: false);
        }
    }

    public void Dispose()
    {
        // Nothing held between reads: each image is read and closed at once.
    }

    private void Scan(bool settled)
    {
        var now = _time.GetUtcNow();
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(_folder).Where(IsImageFile).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FrameSourceException($"Image folder '{_folder}' cannot be listed: {e.Message}", e);
        }

        foreach (var file in files)
        {
            if (_seen.Contains(file))
            {
                continue;
            }

            if (!settled && now - File.GetLastWriteTimeUtc(file) < SettleTime)
            {
                continue;
            }

            _seen.Add(file);
            _pending.Enqueue(file);
        }
    }
}
