namespace Lpr.TfLite.Model;

/// <summary>A named metadata entry of the model (e.g. "min_runtime_version"), pointing at a buffer.</summary>
public sealed record ModelMetadata(string Name, int BufferIndex);
