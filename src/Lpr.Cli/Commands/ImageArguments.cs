using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;

namespace Lpr.Cli.Commands;

/// <summary>The per-image loop of the commands that take IMAGE... arguments (<c>recognize</c>, <c>detect</c>, <c>read</c>).</summary>
internal static class ImageArguments
{
    /// <summary>
    /// Decodes each image and hands it to <paramref name="handle"/>; an image that cannot be decoded is reported on
    /// <paramref name="error"/> (<c>lpr: ...</c>) and the others still run. Returns the exit code: 0, or 1 when an
    /// image could not be read.
    /// </summary>
    public static int ForEach(IEnumerable<FileInfo>? images, TextWriter error, Action<FileInfo, PixelImage> handle)
    {
        var exitCode = 0;
        foreach (var image in images ?? [])
        {
            try
            {
                handle(image, ImageCodec.Load(image.FullName));
            }
            catch (ImageDecodeException e)
            {
                error.WriteLine($"lpr: {e.Message}");
                exitCode = 1;
            }
        }

        return exitCode;
    }
}
