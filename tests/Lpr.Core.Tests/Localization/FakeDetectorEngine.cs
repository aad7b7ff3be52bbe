using Lpr.TfLite;
using Lpr.TfLite.Model;

namespace Lpr.Core.Tests.Localization;

/// <summary>
/// An inference engine whose outputs are set by the test: a stand-in detector with the exported
/// model's interface (uint8 input [1,H,W,1]; int8 heatmap [1,h,w,1] with LOGISTIC's 1/256 scale and
/// zero point −128; int8 corners [1,h,w,8] in steps of 1/16 cell), so the detector's plumbing can be
/// checked without a trained model.
/// </summary>
internal sealed class FakeDetectorEngine : IInferenceEngine
{
    public const float CornerScale = 1f / 16;

    private readonly byte[] input;
    private readonly byte[] heatmap;
    private readonly byte[] corners;

    public FakeDetectorEngine(int width, int height, int stride)
    {
        var (w, h) = (width / stride, height / stride);
        (GridWidth, GridHeight) = (w, h);
        input = new byte[width * height];
        heatmap = new byte[w * h];
        corners = new byte[w * h * 8];
        Array.Fill(heatmap, unchecked((byte)(sbyte)-128)); // probability 0
        Inputs = [new TensorInfo(0, "image", TensorType.UInt8, [1, height, width, 1], quantization: QuantizationParameters.PerTensor(1f / 255, 0))];
        Outputs =
        [
            new TensorInfo(1, "heatmap", TensorType.Int8, [1, h, w, 1], quantization: QuantizationParameters.PerTensor(1f / 256, -128)),
            new TensorInfo(2, "corners", TensorType.Int8, [1, h, w, 8], quantization: QuantizationParameters.PerTensor(CornerScale, 0)),
        ];
    }

    public int GridWidth { get; }

    public int GridHeight { get; }

    public int Invocations { get; private set; }

    /// <summary>The input the detector wrote on the last call.</summary>
    public ReadOnlySpan<byte> LastInput => input;

    public string BackendName => "fake";

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Puts a plate centre in cell (x, y) with probability ≈ <paramref name="probability"/> and corner offsets in cells.</summary>
    public void SetPlate(int x, int y, float probability, ReadOnlySpan<float> offsets)
    {
        var cell = (y * GridWidth) + x;
        heatmap[cell] = unchecked((byte)(sbyte)Math.Clamp((int)MathF.Round(probability * 256) - 128, -128, 127));
        for (var k = 0; k < 8; k++)
        {
            corners[(cell * 8) + k] = unchecked((byte)(sbyte)(int)MathF.Round(offsets[k] / CornerScale));
        }
    }

    public Span<byte> GetInputBuffer(int index) => input;

    public ReadOnlySpan<byte> GetOutputBuffer(int index) => index == 0 ? heatmap : corners;

    public void Invoke() => Invocations++;

    public void Dispose()
    {
    }
}
