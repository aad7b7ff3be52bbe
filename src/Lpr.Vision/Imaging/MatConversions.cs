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
        var channels = mat.Channels();
        int rows = mat.Rows, cols = mat.Cols;
        var data = new byte[checked(rows * cols * channels)];
        var rowBytes = cols * channels;
        if (mat.IsContinuous())
        {
            Marshal.Copy(mat.Data, data, 0, data.Length);
        }
        else
        {
            for (var y = 0; y < rows; y++)
            {
                Marshal.Copy(mat.Ptr(y), data, y * rowBytes, rowBytes);
            }
        }

        return new PixelImage(cols, rows, channels, data);
    }
}
