using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using Lpr.Training.Quantization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

[Collection(SeededTorch.Name)]
public sealed class QuantizationAwareRecognizerTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("positional")]
    [InlineData("wide")]
    [InlineData("wide-slot")]
    public void With_nothing_rounded_it_is_the_folded_float_network(string architecture)
    {
        manual_seed(21);
        using var model = RecognizerModels.Create(architecture);
        model.eval();
        var samples = RecognizerExport.RenderCalibration(new GlyphPatternSource(67, 5), 16);
        var (folded, ranges) = RecognizerExport.Calibrate(model, samples);
        using var input = rand(4, 1, 64, 128);

        using var expected = folded.Forward(input);
        using var simulated = new QuantizationAwareRecognizer(model, ranges) { QuantizedTensors = _ => false }.Forward(input);

        Assert.True(simulated.Logits.allclose(expected, rtol: 1e-4, atol: 1e-4), "the unrounded simulation diverges from the folded network");
    }

    [Fact]
    public void Rounded_everywhere_it_follows_the_exported_model_through_the_position_bias()
    {
        // Slots peaked on positions of their own (RecognizerModels.Create): the logits are the classifier on one
        // position's features each, so the simulation lands on the int8 model's levels only if it adds the bias as the graph does.
        manual_seed(23);
        using var model = RecognizerModels.Create("positional");
        model.eval();
        var calibration = new GlyphPatternSource(67, 5);
        var (folded, ranges) = RecognizerExport.Calibrate(model, RecognizerExport.RenderCalibration(calibration, 32));
        using var int8 = new Int8Recognizer(TfLiteExporter.Export(folded, ranges));
        var simulation = new QuantizationAwareRecognizer(model, ranges);
        int values = 0, withinAStep = 0;
        using var gate = FinalizerGate.Hold();
        for (var n = 0; n < 8; n++)
        {
            gate.Pass();
            var pixels = Int8Recognizer.Pixels(calibration.Create(4000 + n));
            var exported = int8.Logits(pixels);
            using var image = Int8Recognizer.Image(pixels);
            using var simulated = simulation.Forward(image);
            var logits = simulated.Logits.data<float>().ToArray();
            for (var i = 0; i < logits.Length; i++)
            {
                values++;
                withinAStep += Math.Abs(logits[i] - exported[i]) <= int8.Step * 1.01 ? 1 : 0;
            }
        }

        Assert.True(withinAStep >= 0.97 * values, $"{withinAStep} of {values} simulated logits within one int8 step of the exported model's");
    }

    [Fact]
    public void Rounded_everywhere_it_computes_the_exported_int8_model()
    {
        // A trained recognizer (the committed polish checkpoint) on synthetic plates: random weights give
        // logits so flat that any rounding, or none, lands them on the same few levels. The plates are the ones that
        // checkpoint was trained on (syllables from text faces): on plates it reads worse, more crops sit on a
        // decision edge, and the statistical agreement below measures the data rather than the simulation.
        var checkpoint = RepoPaths.Combine("runs", "recognizer-polish", "best.weights");
        using var model = CheckpointStore.LoadModel(checkpoint, RecognizerArchitecture.Default);
        using var source = new SynthSampleSource(new SynthOptions { Fonts = { StandardHangulProbability = 0 } }, seed: 41, LabelMap.Load(Path.Combine(RepoPaths.Models, "labels.txt")));
        var calibration = RecognizerExport.RenderCalibration(source, 256);
        var (folded, ranges) = RecognizerExport.Calibrate(model, calibration);
        var tflite = TfLiteModel.FromBytes(TfLiteExporter.Export(folded, ranges));
        var stem = ModelCutter.Cut(tflite, [ModelCutter.FindTensor(tflite, "stem")]);
        using var int8Stem = new ManagedInterpreter(stem);
        using var int8 = new ManagedInterpreter(tflite);
        var stemQuantization = stem.MainGraph.Tensors[stem.MainGraph.Outputs[0]].Quantization!;
        var simulation = new QuantizationAwareRecognizer(model, ranges);
        float[]? simulatedStem = null;
        simulation.Observe = (name, value) =>
        {
            if (name == "stem")
            {
                using var channelsLast = value.permute(0, 2, 3, 1).contiguous();
                simulatedStem = channelsLast.data<float>().ToArray();
            }
        };
        model.eval();

        const int crops = 192;
        int stemValues = 0, stemSame = 0, stemWorst = 0, simulatedRight = 0, int8Right = 0, floatRight = 0;
        // Rendering crops allocates while libtorch runs: see FinalizerGate for why finalizers must wait.
        using var gate = FinalizerGate.Hold();
        for (var n = 0; n < crops; n++)
        {
            gate.Pass();
            using var scope = NewDisposeScope();
            var sample = source.Create(5000 + n);
            var pixels = Int8Recognizer.Pixels(sample);
            using var image = Int8Recognizer.Image(pixels);
            using var simulated = simulation.Forward(image);
            using var reference = folded.Forward(image);
            pixels.CopyTo(int8.GetInputBuffer(0));
            int8.Invoke();
            int8Right += Decode(int8.GetOutputBuffer(0)).SequenceEqual(sample.Tokens) ? 1 : 0;
            simulatedRight += GreedyCtc.Decode(simulated.Logits, 67)[0].SequenceEqual(sample.Tokens) ? 1 : 0;
            floatRight += GreedyCtc.Decode(reference, 67)[0].SequenceEqual(sample.Tokens) ? 1 : 0;
            if (n < 4)
            {
                pixels.CopyTo(int8Stem.GetInputBuffer(0));
                int8Stem.Invoke();
                var levels = int8Stem.GetOutputBuffer(0);
                for (var i = 0; i < levels.Length; i++)
                {
                    var level = (int)Math.Clamp(MathF.Round(simulatedStem![i] / stemQuantization.Scale[0]) + stemQuantization.ZeroPoint[0], -128, 127);
                    var difference = Math.Abs(level - (sbyte)levels[i]);
                    stemSame += difference == 0 ? 1 : 0;
                    stemWorst = Math.Max(stemWorst, difference);
                }

                stemValues += levels.Length;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"first layer: {stemSame}/{stemValues} values at the int8 level, worst {stemWorst}; exact match on {crops} crops: int8 {int8Right}, simulation {simulatedRight}, float {floatRight}");
        // Layer by layer the arithmetic is the same: float32 rounding differs from the integer kernels' only at
        // exact half steps. Deeper, such one-step differences spread, so whole-model agreement is statistical.
        Assert.True(stemSame >= 0.99 * stemValues && stemWorst <= 1, $"first layer: {stemSame}/{stemValues} values at the int8 level, worst off by {stemWorst}");
        Assert.True(Math.Abs(simulatedRight - int8Right) <= 0.03 * crops, $"the simulation reads {simulatedRight} of {crops} crops, the int8 model {int8Right}");
    }

    /// <summary>Greedy CTC of the int8 model's output bytes (the argmax is the same before and after dequantization).</summary>
    private static int[] Decode(ReadOnlySpan<byte> output)
    {
        var logits = output.ToArray().Select(b => (float)(sbyte)b).ToArray();
        using var t = tensor(logits, [1, 16, 68]);
        return GreedyCtc.Decode(t, 67)[0];
    }
}
