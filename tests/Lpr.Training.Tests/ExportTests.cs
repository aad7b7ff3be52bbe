using Lpr.Testing;
using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-export-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("default")]
    [InlineData("positional")]
    [InlineData("wide")]
    [InlineData("wide-slot")]
    public void Folding_batchnorm_leaves_the_eval_output_unchanged(string architecture)
    {
        manual_seed(7);
        using var model = RecognizerModels.Create(architecture);
        model.eval();
        using var input = rand(3, 1, 64, 128);

        using var expected = model.forward(input);
        using var folded = FoldedRecognizer.From(model).Forward(input);

        Assert.True(folded.allclose(expected.Logits, rtol: 1e-3, atol: 1e-3), "folded network diverges from the BN model");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("positional")]
    [InlineData("wide")]
    [InlineData("wide-slot")]
    public void Exported_model_has_the_deployment_interface_and_only_edge_tpu_mappable_ops(string architecture)
    {
        manual_seed(11);
        using var model = RecognizerModels.Create(architecture);
        var (bytes, _) = RecognizerExport.Export(model, new GlyphPatternSource(67, 5), calibrationSamples: 32, batchSize: 16);

        var tflite = TfLiteModel.FromBytes(bytes);
        var graph = tflite.SubGraphs[0];
        var input = graph.Tensors[graph.Inputs[0]];
        var output = graph.Tensors[graph.Outputs[0]];
        Assert.Equal(TensorType.UInt8, input.Type);
        Assert.Equal([1, 64, 128, 1], input.Shape.ToArray());
        Assert.Equal(TensorType.Int8, output.Type);
        Assert.Equal([1, 16, 68], output.Shape.ToArray());
        var used = graph.Operators.Select(o => tflite.OperatorCodes[o.OpcodeIndex].Builtin).ToHashSet();
        Assert.Subset(
            new HashSet<BuiltinOperator> { BuiltinOperator.Quantize, BuiltinOperator.Conv2D, BuiltinOperator.DepthwiseConv2D, BuiltinOperator.Add, BuiltinOperator.Reshape, BuiltinOperator.Split, BuiltinOperator.Softmax, BuiltinOperator.Concatenation, BuiltinOperator.Mul, BuiltinOperator.Mean },
            used);
        Assert.DoesNotContain(BuiltinOperator.BatchMatMul, used);
        TestContext.Current.TestOutputHelper?.WriteLine($"{architecture}: {bytes.Length} bytes");
        Assert.True(bytes.Length <= 120 * 1024, $"model file is {bytes.Length} bytes");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("positional")]
    [InlineData("wide")]
    [InlineData("wide-slot")]
    public void Exported_attention_uses_only_1d_softmaxes_maps_to_the_edge_tpu_and_runs_identically_in_both_engines(string architecture)
    {
        Assert.SkipUnless(File.Exists(RepoPaths.TfLiteNativeLibrary), $"TFLite C library missing at {RepoPaths.TfLiteNativeLibrary} (run scripts/fetch-tflite.sh)");
        NativeLibraries.ConfigureTfLite(RepoPaths.TfLiteNativeLibrary);
        manual_seed(13);
        using var model = RecognizerModels.Create(architecture);
        var calibration = new GlyphPatternSource(67, 5);
        var (bytes, _) = RecognizerExport.Export(model, calibration, calibrationSamples: 32, batchSize: 16);
        var tflite = TfLiteModel.FromBytes(bytes);
        var graph = tflite.MainGraph;

        // One 1-D SOFTMAX per character slot (the Edge TPU maps no other), on the fixed int8 output scale.
        var softmaxes = graph.Operators.Where(o => tflite.GetOperatorCode(o).Builtin == BuiltinOperator.Softmax).ToList();
        Assert.Equal(RecognizerArchitecture.Default.Slots, softmaxes.Count);
        Assert.All(softmaxes, o => Assert.Single(graph.Tensors[o.Inputs[0]].Shape));
        var report = EdgeTpuCompatibility.Analyze(tflite);
        Assert.True(report.FullyMappable, string.Join("; ", report.Operators.Where(o => !o.Mappable).Select(o => $"#{o.Index} {o.Operator}: {string.Join(", ", o.Reasons)}")));
        // Versions TFLite 2.2 and the Coral runtime know.
        Assert.All(tflite.OperatorCodes, c => Assert.True(c.Version <= 3, $"{c.Name} v{c.Version}"));

        using var native = NativeInferenceEngine.FromBytes(bytes);
        using var managed = new ManagedInterpreter(tflite);
        var differing = 0;
        const int crops = 256;
        for (var n = 0; n < crops; n++)
        {
            var pixels = Int8Recognizer.Pixels(calibration.Create(5000 + n));
            pixels.CopyTo(native.GetInputBuffer(0));
            native.Invoke();
            pixels.CopyTo(managed.GetInputBuffer(0));
            managed.Invoke();
            differing += native.GetOutputBuffer(0).SequenceEqual(managed.GetOutputBuffer(0)) ? 0 : 1;
        }

        Assert.True(differing == 0, $"managed and native outputs differ on {differing} of {crops} crops");
    }

    [Fact]
    public void The_position_bias_reaches_the_int8_graph_where_the_float_network_adds_it()
    {
        // The bias puts every slot's mask on one position of its own (RecognizerModels.Create), so each slot's logits
        // are the classifier applied to that position's features: dropped, or laid out in another order than the
        // convolution's [1,h,w,T], the int8 masks would pool other positions and the logits would not follow.
        manual_seed(17);
        using var model = RecognizerModels.Create("positional");
        var calibration = new GlyphPatternSource(67, 5);
        var (bytes, folded) = RecognizerExport.Export(model, calibration, calibrationSamples: 32, batchSize: 16);
        using var int8 = new Int8Recognizer(bytes);
        double error = 0, magnitude = 0;
        for (var n = 0; n < 8; n++)
        {
            var pixels = Int8Recognizer.Pixels(calibration.Create(3000 + n));
            var quantized = int8.Logits(pixels);
            using var image = Int8Recognizer.Image(pixels);
            using var logits = folded.Forward(image);
            var reference = logits.data<float>().ToArray();
            var (slots, classes) = ((int)logits.shape[1], (int)logits.shape[2]);
            for (var c = 0; c < classes; c++)
            {
                // Slots differ only by what their masks pool (one classifier for all): compare how each slot departs from the mean slot.
                var (quantizedMean, referenceMean) = (0.0, 0.0);
                for (var t = 0; t < slots; t++)
                {
                    quantizedMean += quantized[(t * classes) + c] / slots;
                    referenceMean += reference[(t * classes) + c] / slots;
                }

                for (var t = 0; t < slots; t++)
                {
                    var (q, r) = (quantized[(t * classes) + c] - quantizedMean, reference[(t * classes) + c] - referenceMean);
                    error += Math.Abs(q - r);
                    magnitude += Math.Abs(r);
                }
            }
        }

        Assert.True(error < 0.5 * magnitude, $"int8 slot logits are off the float network's by {error / magnitude:P1} of their spread");
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("tiny-slot")]
    public void Int8_model_tracks_the_float_model_and_native_tflite_and_managed_interpreter_agree_exactly(string architecture)
    {
        Assert.SkipUnless(File.Exists(RepoPaths.TfLiteNativeLibrary), $"TFLite C library missing at {RepoPaths.TfLiteNativeLibrary} (run scripts/fetch-tflite.sh)");
        NativeLibraries.ConfigureTfLite(RepoPaths.TfLiteNativeLibrary);
        // A smoke-trained model: random weights give near-tied logits that no quantizer keeps in order.
        var options = new TrainingOptions { Architecture = architecture, Data = "glyphs", Steps = 60, BatchSize = 16, MaxLearningRate = 5e-3, ValidateEvery = 60, ValidationSamples = 16, Threads = 1 };
        var source = new GlyphPatternSource(67, options.Seed, featureStride: 8);
        var trainer = new RecognizerTrainer(options, source, new GlyphPatternSource(67, options.ValidationSeed), directory);
        trainer.Run(resume: false, cancellationToken: TestContext.Current.CancellationToken);
        using var model = CheckpointStore.LoadModel(trainer.Store.BestWeights, options.ResolveArchitecture());
        var calibration = new GlyphPatternSource(67, 99);
        var (bytes, folded) = RecognizerExport.Export(model, calibration, calibrationSamples: 64, batchSize: 32);

        using var engine = NativeInferenceEngine.FromBytes(bytes);
        using var managed = new ManagedInterpreter(TfLiteModel.FromBytes(bytes));
        var outputQuant = engine.Outputs[0].Quantization!;
        var (scale, zeroPoint) = (outputQuant.Scale[0], outputQuant.ZeroPoint[0]);
        int agree = 0, slots = 0;
        double errorSum = 0, magnitudeSum = 0;
        int maxInterpreterDifference = 0, differingOutputs = 0;
        for (var n = 0; n < 8; n++)
        {
            var sample = calibration.Create(1000 + n);
            var pixels = Int8Recognizer.Pixels(sample);
            pixels.CopyTo(engine.GetInputBuffer(0));
            engine.Invoke();
            pixels.CopyTo(managed.GetInputBuffer(0));
            managed.Invoke();
            var native = engine.GetOutputBuffer(0);
            var ours = managed.GetOutputBuffer(0);
            for (var i = 0; i < native.Length; i++)
            {
                var difference = Math.Abs((sbyte)native[i] - (sbyte)ours[i]);
                maxInterpreterDifference = Math.Max(maxInterpreterDifference, difference);
                differingOutputs += difference == 0 ? 0 : 1;
            }

            var quantized = engine.GetOutputBuffer(0).ToArray().Select(b => scale * ((sbyte)b - zeroPoint)).ToArray();
            using var image = Int8Recognizer.Image(pixels);
            using var logits = folded.Forward(image);
            var reference = logits.data<float>().ToArray();
            for (var t = 0; t < 16; t++)
            {
                var q = quantized.AsSpan(t * 68, 68);
                var f = reference.AsSpan(t * 68, 68);
                // Only slots the float model decides clearly: a smoke-trained model has near-ties
                // that any rounding may flip, and they say nothing about the quantizer.
                if (Margin(f) >= 0.5f * (Max(f) - Min(f)))
                {
                    agree += IndexOfMax(q) == IndexOfMax(f) ? 1 : 0;
                    slots++;
                }

                for (var c = 0; c < 68; c++)
                {
                    errorSum += Math.Abs(q[c] - f[c]);
                    magnitudeSum += Math.Abs(f[c]);
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"argmax agreement {agree}/{slots} clear slots, relative logit error {errorSum / magnitudeSum:P2}, managed vs native: {differingOutputs} of {8 * 16 * 68} outputs differ, by at most {maxInterpreterDifference}");
        // The managed interpreter is bit-exact with TFLite 2.2 on the exported graph.
        Assert.True(differingOutputs == 0, $"managed interpreter differs from native TFLite by up to {maxInterpreterDifference} steps on {differingOutputs} outputs");
        Assert.True(slots >= 16, $"only {slots} clearly decided slots");
        Assert.True(agree >= 0.95 * slots, $"int8 and float argmax agree on {agree}/{slots} slots");
        Assert.True(errorSum < 0.15 * magnitudeSum, $"mean relative logit error {errorSum / magnitudeSum:P1}");
    }

    private static float Max(ReadOnlySpan<float> values) => values.ToArray().Max();

    private static float Min(ReadOnlySpan<float> values) => values.ToArray().Min();

    /// <summary>Top-1 minus top-2 value.</summary>
    private static float Margin(ReadOnlySpan<float> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[^1] - sorted[^2];
    }

    private static int IndexOfMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
