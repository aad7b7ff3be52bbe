using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>
/// TensorFlow "SAME" padding, which the exported TFLite convolutions use: total padding
/// k − s per axis (input divisible by the stride), the smaller half before. PyTorch's symmetric
/// padding differs for stride 2 (it would shift every strided layer by a pixel against the export),
/// so training pads exactly like the deployed model.
/// </summary>
public static class SamePadding
{
    /// <summary>True when "SAME" pads both sides equally (stride 1, odd kernel): k / 2 on each side.</summary>
    public static bool IsSymmetric(int kernelSize, int stride) => stride == 1 && kernelSize % 2 == 1;

    /// <summary>Returns a new, padded tensor [B, C, H + k − s, W + k − s].</summary>
    public static Tensor Apply(Tensor input, int kernelSize, int stride)
    {
        ArgumentNullException.ThrowIfNull(input);
        var total = Math.Max(kernelSize - stride, 0);
        var before = total / 2;
        var after = total - before;
        return nn.functional.pad(input, [before, after, before, after]);
    }
}
