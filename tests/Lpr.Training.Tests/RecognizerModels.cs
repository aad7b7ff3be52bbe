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
}
