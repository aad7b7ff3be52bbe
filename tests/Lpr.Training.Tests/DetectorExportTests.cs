using Lpr.Core.Localization;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.Training.Export;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using Lpr.Vision.Imaging;
using Lpr.Vision.Localization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

[Collection(SeededTorch.Name)]
public sealed class DetectorExportTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-detector-export-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Folding_batchnorm_leaves_the_eval_outputs_unchanged()
    {
        manual_seed(7);
        using var model = new PlateDetectorNet(DetectorArchitecture.Tiny);
        TrainBatchNormStatistics(model);
        model.eval();
        using var input = rand(3, 1, 96, 160);

        using var expected = model.forward(input);
        var (heatmap, corners) = FoldedDetector.From(model).Forward(input);

        Assert.True(heatmap.allclose(expected.HeatmapLogits, rtol: 1e-3, atol: 1e-3), "folded heatmap diverges from the BN model");
        Assert.True(corners.allclose(expected.Corners, rtol: 1e-3, atol: 1e-3), "folded corners diverge from the BN model");
        heatmap.Dispose();
        corners.Dispose();
    }

    [Fact]
    public void Exported_detector_has_the_deployment_interface_and_only_ops_both_runtimes_and_the_edge_tpu_take()
    {
        manual_seed(11);
        using var model = new PlateDetectorNet(DetectorArchitecture.Default);
        TrainBatchNormStatistics(model);
        using var calibration = DetectorScenesFixture.Source(99, DetectorArchitecture.Default);
        var (bytes, _) = DetectorExport.Export(model, calibration, calibrationSamples: 4, batchSize: 4);

        var tflite = TfLiteModel.FromBytes(bytes);
        var graph = tflite.SubGraphs[0];
        var input = graph.Tensors[graph.Inputs[0]];
        Assert.Equal(TensorType.UInt8, input.Type);
        Assert.Equal([1, 192, 320, 1], input.Shape.ToArray());
        Assert.Equal(2, graph.Outputs.Length);
        var heatmap = graph.Tensors[graph.Outputs[0]];
        var corners = graph.Tensors[graph.Outputs[1]];
        Assert.Equal([1, 24, 40, 1], heatmap.Shape.ToArray());
        Assert.Equal((1f / 256, -128L), (heatmap.Quantization!.Scale[0], heatmap.Quantization.ZeroPoint[0]));
        Assert.Equal([1, 24, 40, 8], corners.Shape.ToArray());
        Assert.Equal(TensorType.Int8, corners.Type);
        var used = graph.Operators.Select(o => tflite.OperatorCodes[o.OpcodeIndex].Builtin).ToHashSet();
        Assert.Subset(
            new HashSet<BuiltinOperator> { BuiltinOperator.Quantize, BuiltinOperator.Conv2D, BuiltinOperator.DepthwiseConv2D, BuiltinOperator.Add, BuiltinOperator.ResizeNearestNeighbor, BuiltinOperator.Logistic },
            used);
        Assert.All(used, op => Assert.True(ManagedInterpreter.SupportedOperators.Contains(op), $"{op} is not run by the managed interpreter"));
        var edgeTpu = EdgeTpuCompatibility.Analyze(tflite);
        Assert.True(edgeTpu.FullyMappable, string.Join("; ", edgeTpu.Operators.Where(o => !o.Mappable).Select(o => $"{o.Operator}: {string.Join(", ", o.Reasons)}")));
        Assert.True(bytes.Length <= 160 * 1024, $"model file is {bytes.Length} bytes");
    }

    [Fact]
    public void Managed_interpreter_and_native_tflite_give_identical_outputs_and_int8_tracks_the_float_model()
    {
        Assert.SkipUnless(File.Exists(RepoPaths.TfLiteNativeLibrary), $"TFLite C library missing at {RepoPaths.TfLiteNativeLibrary} (run scripts/fetch-tflite.sh)");
        NativeLibraries.ConfigureTfLite(RepoPaths.TfLiteNativeLibrary);
        var (bytes, folded) = SmokeTrainedExport();

        using var native = NativeInferenceEngine.FromBytes(bytes);
        using var managed = new ManagedInterpreter(TfLiteModel.FromBytes(bytes));
        var random = new Random(5);
        using var scenes = DetectorScenesFixture.Source(123, DetectorArchitecture.Tiny);
        int differing = 0, compared = 0;
        double heatmapError = 0;
        for (var n = 0; n < 6; n++)
        {
            var pixels = new byte[96 * 160];
            random.NextBytes(pixels);
            if (n % 2 == 1)
            {
                // Half the inputs are real scenes, so the outputs also span what the model was calibrated on.
                pixels = [.. scenes.Create(n).Pixels.Select(p => (byte)Math.Round(p * 255))];
            }

            pixels.CopyTo(native.GetInputBuffer(0));
            native.Invoke();
            pixels.CopyTo(managed.GetInputBuffer(0));
            managed.Invoke();
            for (var o = 0; o < 2; o++)
            {
                var a = native.GetOutputBuffer(o);
                var b = managed.GetOutputBuffer(o);
                for (var i = 0; i < a.Length; i++)
                {
                    differing += a[i] == b[i] ? 0 : 1;
                }

                compared += a.Length;
            }

            using var image = tensor(pixels.Select(p => p / 255f).ToArray(), [1, 1, 96, 160]);
            var (logits, corners) = folded.Forward(image);
            var probabilities = logits.sigmoid().data<float>().ToArray();
            var quantized = native.GetOutputBuffer(0).ToArray().Select(q => ((sbyte)q + 128) / 256f).ToArray();
            heatmapError = Math.Max(heatmapError, probabilities.Zip(quantized, (f, q) => Math.Abs(f - q)).Max());
            logits.Dispose();
            corners.Dispose();
        }

        var cornerStep = native.Outputs[1].Quantization!.Scale[0];
        TestContext.Current.TestOutputHelper?.WriteLine($"managed vs native: {differing} of {compared} output bytes differ; largest int8 vs float heatmap error {heatmapError:F4}; corner step {cornerStep:F4} cells");
        Assert.Equal(0, differing);
        // A smoke-trained model's largest error over 1,440 cells (under 0.08, then 0.089 once the scene labels changed): int8 tracks float
        // to about 25 output steps of 1/256 at worst, where a broken quantization strays by tenths.
        Assert.True(heatmapError < 0.12, $"int8 heatmap strays {heatmapError:F3} from the float model");
        // The corner range is that of plates' corners, not of whatever the head says between plates.
        Assert.True(cornerStep < 0.06f, $"corner output quantized in steps of {cornerStep} cells");
    }

    [Fact]
    public void A_smoke_trained_detector_loads_as_a_locator_and_runs_on_a_bundled_scene_frame()
    {
        var (bytes, _) = SmokeTrainedExport();
        var model = Path.Combine(directory, "detector.tflite");
        File.WriteAllBytes(model, bytes);
        File.WriteAllText(Path.ChangeExtension(model, ".json"), DetectorExport.Descriptor(DetectorArchitecture.Tiny, 0.3));
        var frame = ImageCodec.Load(Path.Combine(RepoPaths.Samples, "scenes", "frame_0000.jpg"));

        using var locator = LearnedPlateLocator.Open(model, new EngineOptions { Backend = InferenceBackend.Managed }, options: new LearnedLocatorOptions { MinScore = 0.05f });
        var candidates = locator.Locate(frame);

        Assert.Equal("learned", locator.Name);
        Assert.Equal("managed", locator.Detector.BackendName);
        Assert.InRange(candidates.Count, 0, 8);
        Assert.All(candidates, c =>
        {
            Assert.InRange(c.Score, 0.05f, 1f);
            Assert.True(c.Box.X >= 0 && c.Box.Right <= frame.Width + 1 && c.Box.Y >= 0 && c.Box.Bottom <= frame.Height + 1, $"box {c.Box} outside the frame");
            Assert.Equal(64, c.Crop.Height);
        });
    }

    [Fact]
    public void The_full_size_detector_runs_a_720p_frame_in_the_managed_interpreter()
    {
        manual_seed(3);
        using var model = new PlateDetectorNet(DetectorArchitecture.Default);
        TrainBatchNormStatistics(model);
        using var calibration = DetectorScenesFixture.Source(77, DetectorArchitecture.Default);
        var (bytes, _) = DetectorExport.Export(model, calibration, calibrationSamples: 4, batchSize: 4);
        var engine = new ManagedInterpreter(TfLiteModel.FromBytes(bytes));
        using var detector = new TfLitePlateDetector(engine, DetectorDescriptor.CreateDefault(320, 192, 8), "random.tflite");
        var frame = ImageCodec.Load(Path.Combine(RepoPaths.Samples, "scenes", "frame_0004.jpg"));

        // Its speed is the benchmark's (LocatorBenchmarks.Learned720p, Release); here: it runs, on a real frame.
        Assert.True(detector.Detect(frame).Length <= 32);
    }

    /// <summary>The tiny detector trained for a few dozen steps and exported (random weights quantize to near-ties).</summary>
    private (byte[] Bytes, FoldedDetector Folded) SmokeTrainedExport()
    {
        var options = DetectorTrainingSmokeTests.Smoke(40) with { ValidateEvery = 40, ValidationSamples = 8 };
        using var train = DetectorScenesFixture.Source(options.Seed, DetectorArchitecture.Tiny);
        using var validation = DetectorScenesFixture.Source(options.ValidationSeed, DetectorArchitecture.Tiny);
        var trainer = new DetectorTrainer(options, train, validation, directory);
        trainer.Run(resume: false, cancellationToken: TestContext.Current.CancellationToken);
        using var model = CheckpointStore.LoadModel(trainer.Store.LastWeights, () => new PlateDetectorNet(DetectorArchitecture.Tiny));
        using var calibration = DetectorScenesFixture.Source(99, DetectorArchitecture.Tiny);
        return DetectorExport.Export(model, calibration, calibrationSamples: 32, batchSize: 16);
    }

    /// <summary>Gives every BatchNorm non-trivial running statistics (a few train-mode passes).</summary>
    private static void TrainBatchNormStatistics(PlateDetectorNet model)
    {
        var arch = model.Architecture;
        model.train();
        using var noGrad = no_grad();
        for (var i = 0; i < 3; i++)
        {
            using var x = rand(4, 1, arch.InputHeight, arch.InputWidth);
            using var _ = model.forward(x);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
