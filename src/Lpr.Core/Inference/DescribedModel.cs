using Lpr.TfLite;

namespace Lpr.Core.Inference;

/// <summary>Opening a model file together with its descriptor, for the recognizer and the detector alike.</summary>
internal static class DescribedModel
{
    /// <summary>
    /// Checks that <paramref name="modelPath"/> exists, loads its descriptor, loads the model on the backend of
    /// <paramref name="options"/> and hands both to <paramref name="create"/>; the engine is disposed if that throws.
    /// </summary>
    public static T Open<TDescriptor, T>(string modelPath, EngineOptions? options, Func<TDescriptor> loadDescriptor, Func<IInferenceEngine, TDescriptor, string, T> create)
    {
        // The model itself is the first thing a user gets wrong (a path); say that, not that its descriptor is missing.
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Model file not found: {modelPath}", modelPath);
        }

        var descriptor = loadDescriptor();
        var engine = InferenceEngineFactory.Create(modelPath, options);
        try
        {
            return create(engine, descriptor, Path.GetFileName(modelPath));
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }
}
