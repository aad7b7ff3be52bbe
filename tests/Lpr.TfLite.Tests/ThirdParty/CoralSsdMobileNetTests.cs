using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Lpr.Core.Recognition;
using Lpr.Testing;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.TfLite.Tests.Conformance;
using Lpr.Vision.Imaging;

namespace Lpr.TfLite.Tests.ThirdParty;

/// <summary>
/// The runtime on a model other people published: Google Coral's SSD MobileNet v2 COCO (uint8, 300x300 RGB, 99
/// operators, 773M multiply-accumulates), fetched by scripts/fetch-test-models.sh. As published it ends in the
/// TFLite_Detection_PostProcess custom op (anchor decoding and NMS in float), which the managed interpreter does
/// not implement; cut before it (<see cref="ModelCutter"/>), the remaining 98 builtin operators must reproduce
/// TFLite 2.2 bit for bit on every kernel path.
/// </summary>
public sealed class CoralSsdMobileNetTests(CoralSsdEngines engines) : IClassFixture<CoralSsdEngines>
{
    private const string PostProcess = "TFLite_Detection_PostProcess";

    private const string Letterboxed = "frame_0007.jpg letterboxed";

    /// <summary>Seeded noise, and two bundled scene frames shrunk as a caller would: stretched, and letterboxed.</summary>
    public static TheoryData<string> Inputs => ["noise-1", "frame_0000.jpg stretched", Letterboxed];

    [Fact]
    public void The_managed_backend_refuses_the_published_model_naming_its_custom_op()
    {
        var path = ThirdPartyModels.Require(ThirdPartyModels.CoralSsdMobileNetV2);
        var e = Assert.Throws<UnsupportedOperatorException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Managed }));
        Assert.Equal(PostProcess, e.OperatorName);
        Assert.Equal(98, e.OperatorIndex);
        Assert.Contains(PostProcess, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cut_before_the_custom_op_keeps_the_builtin_graph_and_outputs_its_raw_boxes_and_scores()
    {
        ThirdPartyModels.Require(ThirdPartyModels.CoralSsdMobileNetV2);
        var original = engines.Original;
        var cut = TfLiteModel.FromBytes(engines.CutBytes);
        var graph = cut.MainGraph;

        Assert.Equal(99, original.MainGraph.Operators.Length);
        Assert.Equal(98, graph.Operators.Length);
        Assert.DoesNotContain(cut.OperatorCodes, code => code.IsCustom);
        Assert.Equal(
            [("Squeeze", TensorType.UInt8, "1x1917x4"), ("convert_scores", TensorType.UInt8, "1x1917x91")],
            graph.OutputTensors.Select(t => (t.Name, t.Type, t.ShapeText)));
        Assert.Equal(["normalized_input_image_tensor"], graph.InputTensors.Select(t => t.Name));

        // The custom op's four float outputs and its constant anchors are gone with it, and nothing else (TOCO gives
        // every tensor a buffer of its own, so five buffers go too).
        Assert.Equal(original.MainGraph.Tensors.Length - 5, graph.Tensors.Length);
        Assert.DoesNotContain(graph.Tensors, t => t.Name.StartsWith(PostProcess, StringComparison.Ordinal) || t.Name == "anchors");
        Assert.Equal(original.Buffers.Length - 5, cut.Buffers.Length);

        // Naming the same tensors gives the same file.
        var named = ModelCutter.Cut(original, [ModelCutter.FindTensor(original, "Squeeze"), ModelCutter.FindTensor(original, "convert_scores")]);
        Assert.Equal(engines.CutBytes, named.ToBytes());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_cut_model_matches_TFLite_2_2_bit_for_bit_on_every_kernel_path(string input)
    {
        ThirdPartyModels.Require(ThirdPartyModels.CoralSsdMobileNetV2);
        var native = engines.Native;
        Fill(native.GetInputBuffer(0), native.Inputs[0], input);
        var nativeMs = Time(native.Invoke);
        var timings = new List<string> { string.Create(CultureInfo.InvariantCulture, $"native {nativeMs:F0} ms") };
        foreach (var (path, managed) in engines.Managed)
        {
            native.GetInputBuffer(0).CopyTo(managed.GetInputBuffer(0));
            timings.Add(string.Create(CultureInfo.InvariantCulture, $"{path} {Time(managed.Invoke):F0} ms"));
            for (var o = 0; o < native.Outputs.Count; o++)
            {
                NativeOracle.AssertBytesEqual(native.GetOutputBuffer(o), managed.GetOutputBuffer(o), $"SSD MobileNet v2 on {input} ({path} kernels, output {o} '{native.Outputs[o].Name}')");
            }
        }

        // Guards the comparison against outputs that say nothing (a saturated or constant tensor matches trivially).
        // The box encodings take about 170 values here; the scores about 20, most anchors being near 0 for most classes.
        for (var o = 0; o < native.Outputs.Count; o++)
        {
            Assert.True(native.GetOutputBuffer(o).ToArray().Distinct().Count() > 8, $"output {o} on {input} has almost no distinct values");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"SSD MobileNet v2 cut, one invoke on {input}: {string.Join(", ", timings)}");
    }

    [Fact]
    public void The_managed_scores_give_the_top_detection_that_the_published_model_reports_in_TFLite_2_2()
    {
        // End to end: TFLite 2.2 runs the whole published model, post-processing included. Its fast NMS ranks anchors
        // by their best non-background class score, which is the dequantized LOGISTIC output the cut model returns,
        // so its first detection must be the managed interpreter's highest score, with that score to the bit. The
        // frame is one the model is confident about (the cartoon car's front, 0.84 "train"), not the noise floor.
        ThirdPartyModels.Require(ThirdPartyModels.CoralSsdMobileNetV2);
        using var whole = NativeInferenceEngine.FromFile(ThirdPartyModels.CoralSsdMobileNetV2);
        Fill(whole.GetInputBuffer(0), whole.Inputs[0], Letterboxed);
        whole.Invoke();
        var detectedClass = MemoryMarshal.Cast<byte, float>(whole.GetOutputBuffer(1))[0];
        var detectedScore = MemoryMarshal.Cast<byte, float>(whole.GetOutputBuffer(2))[0];

        var (_, managed) = engines.Managed[1];
        whole.GetInputBuffer(0).CopyTo(managed.GetInputBuffer(0));
        managed.Invoke();
        var scores = managed.GetOutputBuffer(1).ToArray();
        var q = managed.Outputs[1].Quantization!;
        const int Classes = 91;
        var best = Enumerable.Range(0, scores.Length).Where(i => i % Classes != 0).Max(i => scores[i]);
        var bestClasses = Enumerable.Range(0, scores.Length).Where(i => i % Classes != 0 && scores[i] == best).Select(i => (i % Classes) - 1).ToHashSet();

        Assert.InRange(detectedScore, 0.5f, 1f);
        Assert.Equal(q.Scale[0] * (best - q.ZeroPoint[0]), detectedScore);
        Assert.Contains((int)detectedClass, bestClasses);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Letterboxed}: top detection COCO class {detectedClass} (coco_labels.txt), score {detectedScore}");
    }

    /// <summary>
    /// Seeded noise, or a bundled 1280x720 scene frame shrunk to 300x300 RGB (area averaging; stretched, or letterboxed
    /// with black bars) by the repository's preprocessor.
    /// </summary>
    private static void Fill(Span<byte> buffer, TensorInfo tensor, string input)
    {
        if (input.StartsWith("noise-", StringComparison.Ordinal))
        {
            new Random(int.Parse(input["noise-".Length..], CultureInfo.InvariantCulture)).NextBytes(buffer);
            return;
        }

        var (file, fit) = (input.Split(' ')[0], input.EndsWith("letterboxed", StringComparison.Ordinal) ? ResizeMode.KeepAspectCenter : ResizeMode.Stretch);

        // The model's real input range: uint8 with scale 1/128 and zero point 128 is [-1, 1), pixel value v to about v.
        var descriptor = new ModelInputDescriptor { Width = 300, Height = 300, Channels = 3, Resize = fit, Interpolation = InterpolationMode.Area, Range = [-1f, 1f] };
        new PlateImagePreprocessor(descriptor, tensor.Type, tensor.Quantization).Process(ImageCodec.Load(RepoPaths.Combine("samples", "scenes", file)), buffer);
    }

    private static double Time(Action invoke)
    {
        var started = Stopwatch.GetTimestamp();
        invoke();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
