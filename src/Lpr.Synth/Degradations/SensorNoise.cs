using OpenCvSharp;

namespace Lpr.Synth.Degradations;

/// <summary>
/// Gaussian sensor noise from the sample's own random source (OpenCV's generator is shared
/// process state, which would make output depend on thread scheduling).
/// </summary>
internal static class SensorNoise
{
    public static void Apply(Mat image, Random random, double strength)
    {
        var sigma = strength * 24;
        if (sigma < 0.5)
        {
            return;
        }

        var colour = random.NextDouble() < 0.5;
        var channels = image.Channels();
        var rows = image.Rows;
        var rowBytes = image.Cols * channels;
        var row = new byte[rowBytes];
        var table = StandardNormal;
        var scale = (float)sigma;
        for (var y = 0; y < rows; y++)
        {
            var ptr = image.Ptr(y);
            System.Runtime.InteropServices.Marshal.Copy(ptr, row, 0, rowBytes);
            for (var x = 0; x < rowBytes; x += channels)
            {
                // One 31-bit draw gives two table indices (16 + 15 bits).
                var bits = random.Next();
                var shared = table[bits & 0xFFFF] * scale;
                for (var c = 0; c < channels; c++)
                {
                    var n = colour && c > 0 ? table[(bits >> (c * 5)) & 0xFFFF] * scale : shared;
                    row[x + c] = (byte)Math.Clamp(row[x + c] + (int)MathF.Round(n), 0, 255);
                }
            }

            System.Runtime.InteropServices.Marshal.Copy(row, 0, ptr, rowBytes);
        }
    }

    /// <summary>65,536 standard normal quantiles (inverse CDF at evenly spaced probabilities): a table lookup per pixel.</summary>
    private static readonly float[] StandardNormal = BuildTable();

    private static float[] BuildTable()
    {
        var table = new float[65536];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (float)InverseNormal((i + 0.5) / table.Length);
        }

        return table;
    }

    /// <summary>Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9).</summary>
    private static double InverseNormal(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q) + c[4]) * q + c[5]) / ((((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q) + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q) + c[4]) * q + c[5]) / ((((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q) + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((((((a[0] * s) + a[1]) * s) + a[2]) * s) + a[3]) * s) + a[4]) * s + a[5]) * r / (((((((((b[0] * s) + b[1]) * s) + b[2]) * s) + b[3]) * s) + b[4]) * s + 1);
    }
}
