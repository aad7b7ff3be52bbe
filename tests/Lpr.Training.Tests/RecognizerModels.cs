using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

/// <summary>Recognizers in the states the export and quantization tests need.</summary>
internal static class RecognizerModels
{
    /// <summary>Gives every BatchNorm non-trivial running statistics (a few train-mode passes).</summary>
    public static void TrainBatchNormStatistics(PlateRecognizerNet model)
    {
        model.train();
        using var noGrad = no_grad();
        for (var i = 0; i < 3; i++)
        {
            using var x = rand(8, 1, model.Architecture.InputHeight, model.Architecture.InputWidth);
            using var _ = model.forward(x);
        }
    }

    /// <summary>
    /// A recognizer of the named architecture with trained BatchNorm statistics; a positional one gets a position
    /// bias that dominates the attention (slot t peaks on its own position), so a graph that drops the bias or
    /// lays it out wrongly pools other features than the float network.
    /// </summary>
    public static PlateRecognizerNet Create(string architecture)
    {
        var model = new PlateRecognizerNet(new Optimization.TrainingOptions { Architecture = architecture }.ResolveArchitecture());
        TrainBatchNormStatistics(model);
        if (model.Architecture.PositionalAttention)
        {
            using var noGrad = no_grad();
            var bias = model.named_parameters().Single(p => p.name == "attentionPosition").parameter;
            var positions = bias.shape[1];
            bias.uniform_(-3, 0);
            for (var t = 0; t < bias.shape[0]; t++)
            {
                // Slots on distinct positions in a skewed order, not a pattern a transposed layout would also give.
                bias[t, ((t * 37) + 5) % positions] = 18;
            }
        }

        return model;
    }
}
