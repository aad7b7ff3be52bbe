namespace Lpr.TfLite;

/// <summary>Which runtime executes a model.</summary>
public enum InferenceBackend
{
    /// <summary>Edge TPU when a device and an Edge TPU-compiled model are present, else native when the TFLite C library loads, else managed.</summary>
    Auto = 0,

    /// <summary>libedgetpu delegate on the TFLite C library; needs an attached Edge TPU and a *_edgetpu.tflite model.</summary>
    EdgeTpu,

    /// <summary>The TFLite C library (libtensorflowlite_c).</summary>
    Native,

    /// <summary>The managed int8 interpreter (no native dependency).</summary>
    Managed,
}
