using System.Text.Json.Serialization;

namespace Lpr.Core.Recognition;

/// <summary>How a plate crop is fitted to the model's input size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResizeMode>))]
public enum ResizeMode
{
    /// <summary>Scale width and height independently to fill the input.</summary>
    [JsonStringEnumMemberName("stretch")]
    Stretch,

    /// <summary>Keep the aspect ratio, place the scaled crop at the top-left, pad the rest with 0.</summary>
    [JsonStringEnumMemberName("keep-aspect-top-left")]
    KeepAspectTopLeft,

    /// <summary>Keep the aspect ratio, centre the scaled crop, pad both sides with 0.</summary>
    [JsonStringEnumMemberName("keep-aspect-center")]
    KeepAspectCenter,
}

/// <summary>How source pixels are sampled when resizing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InterpolationMode>))]
public enum InterpolationMode
{
    /// <summary>The source pixel whose centre is nearest (half-pixel centres).</summary>
    [JsonStringEnumMemberName("nearest")]
    Nearest,

    /// <summary>Bilinear with half-pixel centres and clamped edges (OpenCV INTER_LINEAR, TF half_pixel_centers).</summary>
    [JsonStringEnumMemberName("linear")]
    Linear,

    /// <summary>Mean of the source area each output pixel covers, with fractional edge weights (OpenCV INTER_AREA when shrinking).</summary>
    [JsonStringEnumMemberName("area")]
    Area,
}
