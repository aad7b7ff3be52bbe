using Lpr.TfLite.Model;

namespace Lpr.Testing;

/// <summary>
/// A stand-in plate detector written with the model builder, its "weights" chosen by hand, with the
/// exported detector's interface (uint8 gray input [1,H,W,1]; output 0 heatmap [1,H/8,W/8,1], output 1
/// corners [1,H/8,W/8,8]): the heatmap is the mean brightness of each 8x8 cell (AVERAGE_POOL_2D), and
/// every cell's corners are the same offsets (a 1x1 CONV_2D with zero weights and the offsets as bias),
/// 2 cells left and right, half a cell up and down. A bright square in a frame is therefore a 4:1
/// plate centred on it. The descriptor is the default one for the input size with stride 8.
/// </summary>
internal static class CellDetectorModel
{
    public const int Stride = 8;

    /// <summary>Corner offsets (cells) of every cell: TL, TR, BR, BL as x, y.</summary>
    public static IReadOnlyList<float> Offsets { get; } = [-2, -0.5f, 2, -0.5f, 2, 0.5f, -2, 0.5f];

    public static byte[] Build(int width, int height)
    {
        var b = new ModelBuilder();
        var pixels = QuantizationParameters.PerTensor(1f / 255, 0);
        var image = b.AddTensor("image", TensorType.UInt8, [1, height, width, 1], pixels);
        var (h, w) = (height / Stride, width / Stride);
        var heatmap = b.AddTensor("heatmap", TensorType.UInt8, [1, h, w, 1], pixels);
        b.AddOperator(BuiltinOperator.AveragePool2D, [image], [heatmap], new Pool2DOptions(Padding.Valid, Stride, Stride, Stride, Stride));
        // Filter real value 0 (q = zero point 128) at scale 255/16, so the bias scale is 1/16 and the
        // offsets (in cells) are bias / 16; the output's 1/8 scale represents every half cell exactly.
        var filter = b.AddConstant<byte>("corners.weights", TensorType.UInt8, [8, 1, 1, 1], Enumerable.Repeat((byte)128, 8).ToArray(), QuantizationParameters.PerTensor(255f / 16, 128));
        var bias = b.AddConstant<int>("corners.bias", TensorType.Int32, [8], Offsets.Select(o => (int)(o * 16)).ToArray(), QuantizationParameters.PerTensor(1f / 16, 0));
        var corners = b.AddTensor("corners", TensorType.UInt8, [1, h, w, 8], QuantizationParameters.PerTensor(1f / 8, 128));
        b.AddOperator(BuiltinOperator.Conv2D, [heatmap, filter, bias], [corners], new Conv2DOptions(Padding.Valid, 1, 1));
        b.SetInputs(image);
        b.SetOutputs(heatmap, corners);
        return b.ToBytes();
    }
}
