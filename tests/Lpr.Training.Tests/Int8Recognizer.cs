using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.Training.Data;

namespace Lpr.Training.Tests;

/// <summary>An exported recognizer run by the managed interpreter, its int8 logits dequantized for comparison with float.</summary>
internal sealed class Int8Recognizer : IDisposable
{
    private readonly ManagedInterpreter interpreter;
    private readonly float scale;
    private readonly int zeroPoint;

    public Int8Recognizer(byte[] model)
    {
        var tflite = TfLiteModel.FromBytes(model);
        interpreter = new ManagedInterpreter(tflite);
        var output = tflite.MainGraph.Tensors[tflite.MainGraph.Outputs[0]].Quantization!;
        (scale, zeroPoint) = (output.Scale[0], (int)output.ZeroPoint[0]);
    }

    /// <summary>One step of the output's int8 grid.</summary>
    public float Step => scale;

    /// <summary>The uint8 image the camera path feeds for a sample (its [0, 1] pixels rounded to 0..255).</summary>
    public static byte[] Pixels(TrainingSample sample) => [.. sample.Pixels.Select(p => (byte)Math.Round(p * 255))];

    /// <summary>The same image as the float network's input [1, 1, 64, 128].</summary>
    public static TorchSharp.torch.Tensor Image(byte[] pixels) => TorchSharp.torch.tensor(pixels.Select(p => p / 255f).ToArray(), [1, 1, 64, 128]);

    /// <summary>Logits [Slots · Classes], slot-major, in real units.</summary>
    public float[] Logits(byte[] pixels)
    {
        pixels.CopyTo(interpreter.GetInputBuffer(0));
        interpreter.Invoke();
        return [.. interpreter.GetOutputBuffer(0).ToArray().Select(b => scale * ((sbyte)b - zeroPoint))];
    }

    public void Dispose() => interpreter.Dispose();
}
