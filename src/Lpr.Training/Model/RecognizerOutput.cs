using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>What one forward pass of <see cref="PlateRecognizerNet"/> produces.</summary>
/// <param name="Logits">[B, Slots, Classes] unnormalized class scores per character slot.</param>
/// <param name="Attention">[B, Slots, H*W] attention masks, each a softmax over the feature map positions.</param>
/// <param name="MaskLogits">[B, 1, H, W] auxiliary character-foreground logits (training only).</param>
public sealed record RecognizerOutput(Tensor Logits, Tensor Attention, Tensor MaskLogits) : IDisposable
{
    public void Dispose()
    {
        Logits.Dispose();
        Attention.Dispose();
        MaskLogits.Dispose();
    }
}
