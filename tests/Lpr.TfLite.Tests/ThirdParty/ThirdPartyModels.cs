using Lpr.Testing;

namespace Lpr.TfLite.Tests.ThirdParty;

/// <summary>
/// Models published by others, fetched into .tools/models/ by scripts/fetch-test-models.sh (never committed).
/// Tests on them skip while the files are absent, saying how to fetch them: unlike the TFLite C library, which
/// every conformance test needs, they prove the runtime on one more graph, and a machine without npm can still
/// run the rest.
/// </summary>
internal static class ThirdPartyModels
{
    /// <summary>Google Coral's SSD MobileNet v2 COCO, uint8, with the TFLite_Detection_PostProcess custom op.</summary>
    public static string CoralSsdMobileNetV2 => RepoPaths.Combine(".tools", "models", "mobilenet_ssd_v2_coco_quant_postprocess.tflite");

    /// <summary>The path of a fetched model, or a skip naming the setup step.</summary>
    public static string Require(string path)
    {
        Assert.SkipUnless(File.Exists(path), $"{path} is absent: run `bash scripts/install-deps.sh` (or just scripts/fetch-test-models.sh) to fetch it.");
        return path;
    }
}
