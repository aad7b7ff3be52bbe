using Lpr.Core.Imaging;
using Lpr.Core.Inference;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Model;

namespace Lpr.Core.Localization;

/// <summary>
/// Finds plate quadrilaterals in whole frames with a CenterNet-style detector model on any
/// <see cref="IInferenceEngine"/> backend: <see cref="FrameLetterbox"/> (managed resize into the
/// input tensor) → <see cref="IInferenceEngine.Invoke"/> → dequantize the heatmap and corner outputs →
/// <see cref="PlateHeatmapDecoder"/> (3x3 peaks above <see cref="Threshold"/>) → corners mapped back to
/// frame pixels and clamped to the frame. No NMS or cropping here: that is the locator's (Lpr.Vision).
/// <para>All buffers are made at construction (the letterbox's tap tables once per frame size): a call
/// allocates nothing and returns a view of the detector's own buffer, valid until the next call.
/// Not thread-safe (the engine and the workspaces are per instance): one detector per worker.</para>
/// </summary>
public sealed class TfLitePlateDetector : IDisposable
{
    private readonly IInferenceEngine engine;
    private readonly bool ownsEngine;
    private readonly FrameLetterbox letterbox;
    private readonly PlateHeatmapDecoder decoder;
    private readonly TensorInfo heatmapTensor;
    private readonly TensorInfo cornersTensor;
    private readonly int heatmapIndex;
    private readonly int cornersIndex;
    private readonly float[] heatmap;
    private readonly float[] corners;
    private readonly PlateDetection[] detections;
    private float threshold;
    private bool disposed;

    /// <param name="engine">A loaded detector whose input 0 is the gray frame.</param>
    /// <param name="descriptor">The model's descriptor (validated here against the tensors).</param>
    /// <param name="modelName">Named in errors and reports (usually the model file name).</param>
    /// <param name="ownsEngine">Dispose the engine with the detector.</param>
    /// <param name="maxPeaks">Most plates reported per frame (best first).</param>
    /// <exception cref="ModelDescriptorException">The descriptor does not fit the model's tensors.</exception>
    public TfLitePlateDetector(IInferenceEngine engine, DetectorDescriptor descriptor, string modelName, bool ownsEngine = true, int maxPeaks = 32)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPeaks);
        descriptor.Validate(modelName);
        var input = descriptor.Input!;
        var outputs = descriptor.Outputs!;
        if (engine.Inputs.Count < 1 || engine.Outputs.Count <= Math.Max(outputs.Heatmap, outputs.Corners))
        {
            throw new ModelDescriptorException($"{modelName}: a detector needs an input and the outputs {outputs.Heatmap} (heatmap) and {outputs.Corners} (corners); the model has {engine.Outputs.Count} outputs.");
        }

        var image = engine.Inputs[0];
        if (!image.Shape.AsSpan().SequenceEqual([1, input.Height, input.Width, 1]) || image.Type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ModelDescriptorException($"{modelName}: input tensor {image} must be uint8, int8 or float32 [1x{input.Height}x{input.Width}x1] as the descriptor says.");
        }

        var (gridHeight, gridWidth) = (input.Height / descriptor.Stride, input.Width / descriptor.Stride);
        (heatmapIndex, cornersIndex) = (outputs.Heatmap, outputs.Corners);
        heatmapTensor = engine.Outputs[heatmapIndex];
        cornersTensor = engine.Outputs[cornersIndex];
        Expect(heatmapTensor, "heatmap", [1, gridHeight, gridWidth, 1], modelName);
        Expect(cornersTensor, "corners", [1, gridHeight, gridWidth, PlateHeatmapDecoder.CornerValues], modelName);

        this.engine = engine;
        this.ownsEngine = ownsEngine;
        Descriptor = descriptor;
        ModelName = modelName;
        threshold = descriptor.Threshold;
        letterbox = new FrameLetterbox(input, image.Type, image.Quantization);
        decoder = new PlateHeatmapDecoder(gridWidth, gridHeight, descriptor.Stride, maxPeaks);
        heatmap = new float[gridWidth * gridHeight];
        corners = new float[gridWidth * gridHeight * PlateHeatmapDecoder.CornerValues];
        detections = new PlateDetection[maxPeaks];
    }

    public string ModelName { get; }

    public string BackendName => engine.BackendName;

    public DetectorDescriptor Descriptor { get; }

    /// <summary>Lowest plate-centre probability reported; the descriptor's by default.</summary>
    public float Threshold
    {
        get => threshold;
        set => threshold = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold must be between 0 and 1.");
    }

    /// <summary>
    /// Opens <paramref name="modelPath"/> on the backend of <paramref name="options"/> with its descriptor
    /// (<paramref name="descriptorPath"/>, else MODEL.json beside the model).
    /// </summary>
    public static TfLitePlateDetector Open(string modelPath, EngineOptions? options = null, string? descriptorPath = null) =>
        DescribedModel.Open(modelPath, options, () => DetectorDescriptor.LoadForModel(modelPath, descriptorPath), (engine, descriptor, name) => new TfLitePlateDetector(engine, descriptor, name));

    /// <summary>
    /// A second detector on this one's engine, with its own letterbox and buffers: for a second look at parts of a
    /// frame at another size without rebuilding this one's tap tables every call. Disposing it leaves the engine open;
    /// use the two from one thread.
    /// </summary>
    public TfLitePlateDetector ShareEngine() =>
        new(engine, Descriptor, ModelName, ownsEngine: false, detections.Length) { Threshold = threshold };

    /// <summary>The detector input's width and height in pixels.</summary>
    public (int Width, int Height) InputSize => (Descriptor.Input!.Width, Descriptor.Input.Height);

    /// <summary>The plates in <paramref name="frame"/> (corners in frame pixels), best first; valid until the next call.</summary>
    public ReadOnlySpan<PlateDetection> Detect(PixelImage frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(frame);
        letterbox.Process(frame, engine.GetInputBuffer(0));
        engine.Invoke();
        QuantizedOutput.Dequantize(heatmapTensor, engine.GetOutputBuffer(heatmapIndex), heatmap);
        QuantizedOutput.Dequantize(cornersTensor, engine.GetOutputBuffer(cornersIndex), corners);
        var count = decoder.Decode(heatmap, corners, threshold, detections);
        var (width, height) = (frame.Width, frame.Height);
        for (var i = 0; i < count; i++)
        {
            var q = detections[i].Corners;
            detections[i] = detections[i] with
            {
                Corners = new Quad(ToFrame(q.TopLeft, width, height), ToFrame(q.TopRight, width, height), ToFrame(q.BottomRight, width, height), ToFrame(q.BottomLeft, width, height)),
            };
        }

        return detections.AsSpan(0, count);
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

    private PointF32 ToFrame(PointF32 point, int width, int height)
    {
        var p = letterbox.ToFrame(point);
        return new PointF32(Math.Clamp(p.X, 0, width), Math.Clamp(p.Y, 0, height));
    }

    private static void Expect(TensorInfo tensor, string role, int[] shape, string modelName)
    {
        if (!tensor.Shape.AsSpan().SequenceEqual(shape) || tensor.Type is not (TensorType.UInt8 or TensorType.Int8 or TensorType.Float32))
        {
            throw new ModelDescriptorException($"{modelName}: {role} output {tensor} must be uint8, int8 or float32 [{string.Join('x', shape)}] for the descriptor's input and stride.");
        }
    }
}
