using Lpr.Core.Recognition;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.Arm64Check;

/// <summary>A recognizer-shaped int8 graph (random weights, 64x128 gray in, 32x68 CTC out) with the default descriptor.</summary>
internal static class StandInModel
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "stand-in-recognizer.tflite");
        File.WriteAllBytes(path, ReferenceModels.Recognizer(7).Model);
        File.WriteAllText(Path.ChangeExtension(path, ".json"), ModelDescriptor.CreateDefault(128, 64).ToJson());
        return path;
    }
}
