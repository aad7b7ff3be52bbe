namespace Lpr.TfLite;

/// <summary>Facts about the TFLite format this runtime implements.</summary>
public static class TfLiteInfo
{
    /// <summary>The flatbuffer file identifier of .tflite files ("TFL3").</summary>
    public const string FileIdentifier = "TFL3";

    /// <summary>The schema version this reader understands.</summary>
    public const int SchemaVersion = 3;
}
