using System.Text.Json;
using System.Text.Json.Serialization;
using Lpr.Core.Plates;

namespace Lpr.Core.Recognition;

/// <summary>
/// What a recognizer needs to know about a model beyond its tensors: the descriptor JSON that lies
/// beside <c>MODEL.tflite</c> as <c>MODEL.json</c> (or is given explicitly):
/// <code>
/// { "task": "plate-recognition",
///   "input": { "width": 128, "height": 64, "channels": 1,
///              "resize": "stretch" | "keep-aspect-top-left" | "keep-aspect-center",
///              "interpolation": "nearest" | "linear" | "area",
///              "range": [0, 1] },          // optional: real input value of pixel 0 and 255 (default [0, 1])
///   "labels": ["0", "1", …],               // index = output class; whitespace labels are padding
///   "blank": 67 }                          // CTC blank index (may equal labels.length)
/// </code>
/// 3-channel inputs are RGB. Quantized input tensors receive the real value quantized with the
/// tensor's own scale and zero point, so <c>range</c> is what the network was trained on.
/// </summary>
public sealed class ModelDescriptor
{
    /// <summary>The only task this recognizer runs.</summary>
    public const string PlateRecognitionTask = "plate-recognition";

    [JsonPropertyName("task")]
    public string? Task { get; init; }

    [JsonPropertyName("input")]
    public ModelInputDescriptor? Input { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyList<string>? Labels { get; init; }

    [JsonPropertyName("blank")]
    public int? Blank { get; init; }

    /// <summary>The labels as an alphabet (valid descriptors only).</summary>
    [JsonIgnore]
    public PlateAlphabet Alphabet => alphabet ??= PlateAlphabet.FromLabels(Labels ?? throw new InvalidOperationException("Validate the descriptor first."));

    /// <summary>Classes per output frame: the labels, plus the blank when it lies past them.</summary>
    [JsonIgnore]
    public int ClassCount => Math.Max(Labels?.Count ?? 0, (Blank ?? -1) + 1);

    private PlateAlphabet? alphabet;

    /// <summary>Our models' descriptor shape with the labels of <c>models/labels.txt</c> and the blank after them.</summary>
    public static ModelDescriptor CreateDefault(int width, int height, int channels = 1, ResizeMode resize = ResizeMode.Stretch, InterpolationMode interpolation = InterpolationMode.Linear) => new()
    {
        Task = PlateRecognitionTask,
        Input = new ModelInputDescriptor { Width = width, Height = height, Channels = channels, Resize = resize, Interpolation = interpolation },
        Labels = PlateAlphabet.Default.Labels,
        Blank = PlateAlphabet.Default.Count,
    };

    /// <summary>The descriptor path for a model: <c>MODEL.json</c> beside <c>MODEL.tflite</c> (an <c>_edgetpu</c> suffix is dropped as a fallback).</summary>
    public static string PathForModel(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var sibling = Path.ChangeExtension(modelPath, ".json");
        const string EdgeTpu = "_edgetpu.json";
        if (!File.Exists(sibling) && sibling.EndsWith(EdgeTpu, StringComparison.OrdinalIgnoreCase))
        {
            var cpuSibling = sibling[..^EdgeTpu.Length] + ".json";
            if (File.Exists(cpuSibling))
            {
                return cpuSibling;
            }
        }

        return sibling;
    }

    /// <summary>Loads the descriptor of a model: <paramref name="descriptorPath"/> when given, else the sibling JSON.</summary>
    public static ModelDescriptor LoadForModel(string modelPath, string? descriptorPath = null) =>
        Load(DescriptorFile.Locate(modelPath, descriptorPath));

    /// <summary>Reads and validates a descriptor file.</summary>
    public static ModelDescriptor Load(string path) => Parse(DescriptorFile.Read(path), path);

    /// <summary>Parses and validates descriptor JSON; <paramref name="source"/> names it in errors.</summary>
    public static ModelDescriptor Parse(string json, string source = "descriptor")
    {
        var descriptor = DescriptorFile.Deserialize(json, ModelDescriptorJsonContext.Default.ModelDescriptor, source);
        descriptor.Validate(source);
        return descriptor;
    }

    /// <summary>The descriptor as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelDescriptorJsonContext.Default.ModelDescriptor);

    /// <summary>Throws <see cref="ModelDescriptorException"/> naming the first invalid field.</summary>
    public void Validate(string source = "descriptor")
    {
        if (Task != PlateRecognitionTask)
        {
            throw new ModelDescriptorException($"{source}: 'task' must be \"{PlateRecognitionTask}\", got {(Task is null ? "nothing" : $"\"{Task}\"")}.");
        }

        if (Input is null)
        {
            throw new ModelDescriptorException($"{source}: 'input' is missing.");
        }

        Input.Validate(source);
        if (Labels is null || Labels.Count == 0)
        {
            throw new ModelDescriptorException($"{source}: 'labels' is missing or empty.");
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            if (Labels[i] is null)
            {
                throw new ModelDescriptorException($"{source}: 'labels[{i}]' is null.");
            }
        }

        if (Blank is not { } blank)
        {
            throw new ModelDescriptorException($"{source}: 'blank' is missing.");
        }

        if (blank < 0 || blank > Labels.Count)
        {
            throw new ModelDescriptorException($"{source}: 'blank' is {blank}, must be between 0 and {Labels.Count} (the number of labels).");
        }

        try
        {
            _ = Alphabet;
        }
        catch (FormatException e)
        {
            throw new ModelDescriptorException($"{source}: 'labels': {e.Message}", e);
        }

        if (!Alphabet.Labels.Any(l => PlateVocabulary.Categorize(l) is PlateTokenCategory.Digit))
        {
            throw new ModelDescriptorException($"{source}: 'labels' has no digit 0-9; it cannot describe a plate recognizer.");
        }
    }
}

/// <summary>The <c>input</c> object of a <see cref="ModelDescriptor"/>.</summary>
public sealed record ModelInputDescriptor
{
    /// <summary>Largest accepted width or height, to catch typos before allocating buffers.</summary>
    public const int MaxSide = 4096;

    [JsonPropertyName("width")]
    public int Width { get; init; }

    [JsonPropertyName("height")]
    public int Height { get; init; }

    // Settable rather than init-only: the JSON source generator passes default(T) for absent
    // init-only members, which would override these defaults.
    [JsonPropertyName("channels")]
    public int Channels { get; set; } = 1;

    [JsonPropertyName("resize")]
    public ResizeMode Resize { get; set; } = ResizeMode.Stretch;

    [JsonPropertyName("interpolation")]
    public InterpolationMode Interpolation { get; set; } = InterpolationMode.Linear;

    /// <summary>Real input value of pixel 0 and of pixel 255; default [0, 1].</summary>
    [JsonPropertyName("range")]
    public IReadOnlyList<float>? Range { get; init; }

    [JsonIgnore]
    public float RangeMin => Range is { Count: 2 } r ? r[0] : 0f;

    [JsonIgnore]
    public float RangeMax => Range is { Count: 2 } r ? r[1] : 1f;

    internal void Validate(string source)
    {
        if (Width is < 1 or > MaxSide)
        {
            throw new ModelDescriptorException($"{source}: 'input.width' is {Width}, must be 1 to {MaxSide}.");
        }

        if (Height is < 1 or > MaxSide)
        {
            throw new ModelDescriptorException($"{source}: 'input.height' is {Height}, must be 1 to {MaxSide}.");
        }

        if (Channels is not (1 or 3))
        {
            throw new ModelDescriptorException($"{source}: 'input.channels' is {Channels}, must be 1 (gray) or 3 (RGB).");
        }

        if (!Enum.IsDefined(Resize))
        {
            throw new ModelDescriptorException($"{source}: 'input.resize' is not one of stretch, keep-aspect-top-left, keep-aspect-center.");
        }

        if (!Enum.IsDefined(Interpolation))
        {
            throw new ModelDescriptorException($"{source}: 'input.interpolation' is not one of nearest, linear, area.");
        }

        if (Range is not null && (Range.Count != 2 || !float.IsFinite(Range[0]) || !float.IsFinite(Range[1]) || Range[0] == Range[1]))
        {
            throw new ModelDescriptorException($"{source}: 'input.range' must be two different finite numbers [value of pixel 0, value of pixel 255].");
        }
    }
}

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for <see cref="ModelDescriptor"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelDescriptor))]
internal sealed partial class ModelDescriptorJsonContext : JsonSerializerContext;
