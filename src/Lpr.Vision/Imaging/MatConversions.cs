using System.Runtime.InteropServices;
using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Imaging;

/// <summary>Copies between OpenCV matrices and Core's <see cref="PixelImage"/> (8-bit gray or BGR).</summary>
public static class MatConversions
{
    /// <summary>
    /// Copies an 8-bit gray, BGR or BGRA matrix into a new <see cref="PixelImage"/> (BGRA loses its alpha).
    /// Copying keeps the frame valid after the capture reuses its buffer.
    /// </summary>
    public static PixelImage ToPixelImage(this Mat mat)
    {
        ArgumentNullException.ThrowIfNull(mat);
        if (mat.Empty())
        {
            throw new ArgumentException("The matrix is empty.", nameof(mat));
        }

        if (mat.Depth() != MatType.CV_8U)
        {
            throw new ArgumentException($"Only 8-bit images are supported, got {mat.Type()}.", nameof(mat));
        }

        switch (mat.Channels())
        {
            case 1:
            case 3:
                return Copy(mat);
            case 4:
                using (var bgr = new Mat())
                {
                    Cv2.CvtColor(mat, bgr, ColorConversionCodes.BGRA2BGR);
                    return Copy(bgr);
                }

            default:
                throw new ArgumentException($"Unsupported channel count {mat.Channels()}.", nameof(mat));
        }
    }

    /// <summary>
    /// Copies a 1- or 3-channel 8-bit matrix into <paramref name="reuse"/> when it has the same shape, else into a
    /// new image; returns the image written. Capture loops keep one such image, so a frame costs no allocation.
    /// </summary>
    public static PixelImage CopyToPixelImage(this Mat mat, PixelImage? reuse)
    {
        ArgumentNullException.ThrowIfNull(mat);
        if (mat.Empty() || mat.Depth() != MatType.CV_8U || mat.Channels() is not (1 or 3))
        {
            return mat.ToPixelImage();
        }

        var target = reuse is not null && reuse.Width == mat.Cols && reuse.Height == mat.Rows && reuse.Channels == mat.Channels()
            ? reuse
            : new PixelImage(mat.Cols, mat.Rows, mat.Channels(), new byte[checked(mat.Rows * mat.Cols * mat.Channels())]);
        CopyRows(mat, target.Data);
        return target;
    }

    /// <summary>A matrix that owns a copy of the image's pixels.</summary>
    public static Mat ToMat(this PixelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var type = image.Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var view = Mat.FromPixelData(image.Height, image.Width, type, image.Data, image.Stride);
        return view.Clone();
    }

    private static PixelImage Copy(Mat mat)
    {
        var data = new byte[checked(mat.Rows * mat.Cols * mat.Channels())];
        CopyRows(mat, data);
        return new PixelImage(mat.Cols, mat.Rows, mat.Channels(), data);
    }

    private static void CopyRows(Mat mat, byte[] data)
    {
        var rowBytes = mat.Cols * mat.Channels();
        if (mat.IsContinuous())
        {
            Marshal.Copy(mat.Data, data, 0, data.Length);
            return;
        }

        var rows = mat.Rows;
        for (var y = 0; y < rows; y++)
        {
            Marshal.Copy(mat.Ptr(y), data, y * rowBytes, rowBytes);
        }
    }
}
