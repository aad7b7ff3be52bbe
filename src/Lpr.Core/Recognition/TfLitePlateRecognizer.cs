using Lpr.Core.Decoding;
using Lpr.Core.Imaging;
using Lpr.Core.Inference;
using Lpr.TfLite;
using Lpr.TfLite.Model;

namespace Lpr.Core.Recognition;

/// <summary>
/// Reads a plate crop with a CTC recognizer model on any <see cref="IInferenceEngine"/> backend:
/// preprocess (<see cref="PlateImagePreprocessor"/>) → <see cref="IInferenceEngine.Invoke"/> →
/// dequantize the <c>[1, T, C]</c> or <c>[T, C]</c> output (uint8, int8 or float32; probabilities or
/// logits, detected per call) → grammar-constrained and greedy CTC decoding.
/// <para>With shifted readings (<see cref="ShiftedCrops"/>) the crop's views are read too, unless the crop alone reads
/// with confidence <see cref="ConfidentWithoutViews"/> or more, and the class probabilities of all of them averaged
/// before decoding: more accurate, one more invoke per view.</para>
/// <para>The reading's <see cref="PlateReading.Text"/>, <see cref="PlateReading.Confidence"/> and
/// <see cref="PlateReading.Characters"/> come from the constrained decoder (empty, 0 and none when no
/// valid plate is readable); <see cref="PlateReading.Greedy"/> is the unconstrained best path.</para>
/// All buffers are made at construction: a call allocates only the reading. Not thread-safe (the
/// engine and the workspaces are per instance): one recognizer per worker thread.
/// </summary>
public sealed class TfLitePlateRecognizer : IPlateRecognizer
{
    /// <summary>
    /// A crop read alone at least this confidently is not read again through its views: on the 2,000-crop synthetic
    /// hold-out that changed no result (87.30 % either way; at 0.9 87.25 %), and plates seen near and sharp, most of a
    /// gate camera's, cost one invoke.
    /// </summary>
    public const float ConfidentWithoutViews = 0.99f;

    private readonly IInferenceEngine engine;
    private readonly bool ownsEngine;
    private readonly PlateImagePreprocessor preprocessor;
    private readonly CtcGrammarDecoder constrained;
    private readonly CtcGreedyDecoder greedy;
    private readonly TensorInfo output;
    private readonly float[] scores;
    private readonly float[] scoreSums;
    private bool disposed;

    /// <param name="engine">A loaded model whose input 0 is the image and output 0 the CTC scores.</param>
    /// <param name="descriptor">The model's descriptor (validated here against the tensors).</param>
    /// <param name="modelName">Reported in events (usually the model file name).</param>
    /// <param name="ownsEngine">Dispose the engine with the recognizer.</param>
    /// <param name="shiftedReadings">Views of the crop read besides it (0 … <see cref="ShiftedCrops.Max"/>), see <see cref="ShiftedCrops"/>.</param>
    /// <exception cref="ModelDescriptorException">The descriptor does not fit the model's tensors.</exception>
    public TfLitePlateRecognizer(IInferenceEngine engine, ModelDescriptor descriptor, string modelName, bool ownsEngine = true, int shiftedReadings = 0)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegative(shiftedReadings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shiftedReadings, ShiftedCrops.Max);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        descriptor.Validate(modelName);
        var input = descriptor.Input!;
        if (engine.Inputs.Count < 1 || engine.Outputs.Count < 1)
        {
            throw new ModelDescriptorException($"{modelName}: a recognizer model needs an input and an output tensor.");
        }

        var image = engine.Inputs[0];
        int[] expected = [1, input.Height, input.Width, input.Channels];
        var fits = image.Shape.AsSpan().SequenceEqual(expected)
            || (input.Channels == 1 && image.Shape.AsSpan().SequenceEqual(expected.AsSpan(0, 3)));
        if (!fits)
        {
            throw new ModelDescriptorException($"{modelName}: input tensor {image} does not match the descriptor's input {string.Join('x', expected)} (1 x height x width x channels).");
        }

        if (image.Type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ModelDescriptorException($"{modelName}: input tensor {image} must be uint8, int8 or float32.");
        }

        output = engine.Outputs[0];
        var shape = output.Shape;
        var isSequence = (shape.Length == 3 && shape[0] == 1) || shape.Length == 2;
        if (!isSequence || output.Type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ModelDescriptorException($"{modelName}: output tensor {output} must be [1, T, C] or [T, C] of uint8, int8 or float32.");
        }

        if (output.Quantization is { IsPerChannel: true })
        {
            throw new ModelDescriptorException($"{modelName}: output tensor {output} is quantized per channel; a CTC output needs one scale.");
        }

        TimeSteps = shape[^2];
        if (shape[^1] != descriptor.ClassCount)
        {
            throw new ModelDescriptorException($"{modelName}: output tensor {output} has {shape[^1]} classes, the descriptor {descriptor.ClassCount} ({descriptor.Labels!.Count} labels, blank {descriptor.Blank}).");
        }

        this.engine = engine;
        this.ownsEngine = ownsEngine;
        ModelName = modelName;
        Descriptor = descriptor;
        preprocessor = new PlateImagePreprocessor(input, image.Type, image.Quantization);
        constrained = new CtcGrammarDecoder(descriptor.Alphabet, descriptor.Blank!.Value, descriptor.ClassCount);
        greedy = new CtcGreedyDecoder(descriptor.Alphabet, descriptor.Blank!.Value, descriptor.ClassCount);
        scores = new float[TimeSteps * descriptor.ClassCount];
        scoreSums = new float[scores.Length];
        ShiftedReadings = shiftedReadings;
    }

    public string ModelName { get; }

    public string BackendName => engine.BackendName;

    public ModelDescriptor Descriptor { get; }

    /// <summary>CTC frames per crop (T).</summary>
    public int TimeSteps { get; }

    /// <summary>Views of each crop read besides it (<see cref="ShiftedCrops"/>); 0 reads the crop alone.</summary>
    public int ShiftedReadings { get; }

    /// <summary>
    /// Opens <paramref name="modelPath"/> on the backend of <paramref name="options"/> with its descriptor
    /// (<paramref name="descriptorPath"/>, else MODEL.json beside the model).
    /// </summary>
    public static TfLitePlateRecognizer Open(string modelPath, EngineOptions? options = null, string? descriptorPath = null, int shiftedReadings = 0) =>
        DescribedModel.Open(modelPath, options, () => ModelDescriptor.LoadForModel(modelPath, descriptorPath), (engine, descriptor, name) => new TfLitePlateRecognizer(engine, descriptor, name, shiftedReadings: shiftedReadings));

    public PlateReading Recognize(PixelImage crop)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(crop);
        preprocessor.Process(crop, engine.GetInputBuffer(0));
        engine.Invoke();
        Dequantize(engine.GetOutputBuffer(0));
        var best = constrained.Decode(scores, TimeSteps);
        if (ShiftedReadings > 0 && best.Confidence < ConfidentWithoutViews)
        {
            AverageWithShiftedViews(crop);
            best = constrained.Decode(scores, TimeSteps);
        }

        var raw = greedy.Decode(scores, TimeSteps);
        return new PlateReading(best.Text, raw.Text, !best.IsEmpty, best.Confidence, best.Characters);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (ownsEngine)
        {
            engine.Dispose();
        }
    }

    /// <summary>Reads the views of <paramref name="crop"/> and leaves the mean of all readings' probabilities in <see cref="scores"/>.</summary>
    private void AverageWithShiftedViews(PixelImage crop)
    {
        scores.CopyTo(scoreSums, 0);
        for (var view = 0; view < ShiftedReadings; view++)
        {
            preprocessor.Process(crop, ShiftedCrops.Region(crop.Width, crop.Height, view), engine.GetInputBuffer(0));
            engine.Invoke();
            Dequantize(engine.GetOutputBuffer(0));
            for (var i = 0; i < scores.Length; i++)
            {
                scoreSums[i] += scores[i];
            }
        }

        var readings = ShiftedReadings + 1f;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = scoreSums[i] / readings;
        }
    }

    private void Dequantize(ReadOnlySpan<byte> bytes) => QuantizedOutput.Dequantize(output, bytes, scores);
}
