using System.Text.Json;
using System.Text.Json.Serialization;
using Lpr.Core.Recognition;

namespace Lpr.Core.Localization;

/// <summary>
/// What a plate locator needs to know about a detector model beyond its tensors: the descriptor JSON
/// beside <c>MODEL.tflite</c> as <c>MODEL.json</c> (or given explicitly):
/// <code>
/// { "task": "plate-detection",
///   "input": { "width": 320, "height": 192, "channels": 1,
///              "resize": "keep-aspect-top-left", "interpolation": "area", "range": [0, 1] },
///   "stride": 8,                          // input pixels per output cell
///   "outputs": { "heatmap": 0, "corners": 1 },
///   "threshold": 0.3 }                    // default lowest plate-centre probability reported
/// </code>
/// Output <c>heatmap</c> is [1, H/stride, W/stride, 1], the probability that a plate is centred in the
/// cell; output <c>corners</c> is [1, H/stride, W/stride, 8], the plate's corners TL, TR, BR, BL as
/// x, y offsets from the cell centre in units of the stride. The frame is fitted to the input as
/// <c>resize</c> says (the detector is trained on frames letterboxed to the top-left), averaging
/// source areas; pixel values map to <c>range</c> and are quantized with the input tensor's parameters.
/// </summary>
public sealed class DetectorDescriptor
{
    public const string PlateDetectionTask = "plate-detection";

    [JsonPropertyName("task")]
    public string? Task { get; init; }

    [JsonPropertyName("input")]
    public ModelInputDescriptor? Input { get; init; }

    [JsonPropertyName("stride")]
    public int Stride { get; init; }

    [JsonPropertyName("outputs")]
    public DetectorOutputIndices? Outputs { get; init; }

    // Settable: the JSON source generator passes default(T) for absent init-only members.
    [JsonPropertyName("threshold")]
    public float Threshold { get; set; } = 0.3f;

    /// <summary>The descriptor of our exported detectors for an input of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static DetectorDescriptor CreateDefault(int width, int height, int stride, float threshold = 0.3f) => new()
    {
        Task = PlateDetectionTask,
        Input = new ModelInputDescriptor
        {
            Width = width,
            Height = height,
            Channels = 1,
            Resize = ResizeMode.KeepAspectTopLeft,
            Interpolation = InterpolationMode.Area,
            Range = [0f, 1f],
        },
        Stride = stride,
        Outputs = new DetectorOutputIndices { Heatmap = 0, Corners = 1 },
        Threshold = threshold,
    };

    /// <summary>Loads the descriptor of a model: <paramref name="descriptorPath"/> when given, else the sibling JSON.</summary>
    public static DetectorDescriptor LoadForModel(string modelPath, string? descriptorPath = null)
    {
        var path = DescriptorFile.Locate(modelPath, descriptorPath);
        return Parse(DescriptorFile.Read(path), path);
    }

    /// <summary>Parses and validates descriptor JSON; <paramref name="source"/> names it in errors.</summary>
    public static DetectorDescriptor Parse(string json, string source = "descriptor")
    {
        var descriptor = DescriptorFile.Deserialize(json, DetectorDescriptorJsonContext.Default.DetectorDescriptor, source);
        descriptor.Validate(source);
        return descriptor;
    }

    public string ToJson() => JsonSerializer.Serialize(this, DetectorDescriptorJsonContext.Default.DetectorDescriptor);

    /// <summary>Throws <see cref="ModelDescriptorException"/> naming the first invalid field.</summary>
    public void Validate(string source = "descriptor")
    {
        if (Task != PlateDetectionTask)
        {
            throw new ModelDescriptorException($"{source}: 'task' must be \"{PlateDetectionTask}\", got {(Task is null ? "nothing" : $"\"{Task}\"")}.");
        }

        if (Input is null)
        {
            throw new ModelDescriptorException($"{source}: 'input' is missing.");
        }

        Input.Validate(source);
        if (Input.Channels != 1)
        {
            throw new ModelDescriptorException($"{source}: 'input.channels' is {Input.Channels}; plate detectors take gray frames (1).");
        }

        if (Input.Interpolation != InterpolationMode.Area)
        {
            throw new ModelDescriptorException($"{source}: 'input.interpolation' must be \"area\" (frames are shrunk by area averaging).");
        }

        if (Stride < 1 || Input.Width % Stride != 0 || Input.Height % Stride != 0)
        {
            throw new ModelDescriptorException($"{source}: 'stride' is {Stride}; it must be positive and divide the input {Input.Width}x{Input.Height}.");
        }

        if (Outputs is not { Heatmap: >= 0, Corners: >= 0 } outputs || outputs.Heatmap == outputs.Corners)
        {
            throw new ModelDescriptorException($"{source}: 'outputs' must name two different output indices, 'heatmap' and 'corners'.");
        }

        if (!(Threshold is > 0 and < 1))
        {
            throw new ModelDescriptorException($"{source}: 'threshold' is {Threshold}, must be between 0 and 1.");
        }
    }
}

/// <summary>The <c>outputs</c> object of a <see cref="DetectorDescriptor"/>: which output tensor is which.</summary>
public sealed record DetectorOutputIndices
{
    [JsonPropertyName("heatmap")]
    public int Heatmap { get; set; }

    [JsonPropertyName("corners")]
    public int Corners { get; set; } = 1;
}

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for <see cref="DetectorDescriptor"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DetectorDescriptor))]
internal sealed partial class DetectorDescriptorJsonContext : JsonSerializerContext;
