using System.CommandLine;
using System.Globalization;
using Lpr.Vision.Imaging;
using Lpr.Vision.Localization.Evaluation;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr eval-detect [--model DETECTOR.tflite [--backend B]] [--locator classical|learned] [--iou 0.5] DATA</c>: runs
/// the locator (the learned detector when <c>--model</c> is given, else the classical one) over a folder of
/// frames with box labels (the <c>lpr synth --scene</c> format) and prints frames, plates, true/false
/// positives, AP at the IoU threshold, and as the last line <c>recall: R precision: P</c>. Exit 0 after a
/// complete run, 1 when an image cannot be decoded, 2 when the folder, its labels or the detector are unusable.
/// </summary>
internal static class EvalDetectCommand
{
    public static Command Create()
    {
        var locatorOptions = new LocatorOptions();
        var iou = new Option<double>("--iou") { Description = "IoU a detection needs with a labelled box to count as found.", DefaultValueFactory = _ => 0.5 };
        var data = new Argument<DirectoryInfo>("DATA") { Description = "Folder with frames and labels.tsv (file TAB text TAB x,y,w,h)." };
        var command = new Command("eval-detect", "Measure plate localization: precision, recall and AP at IoU 0.5 on a labelled folder of frames.");
        locatorOptions.AddTo(command);
        command.Options.Add(iou);
        command.Arguments.Add(data);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var threshold = parseResult.GetValue(iou);
            if (threshold is <= 0 or > 1)
            {
                error.WriteLine($"lpr: --iou must be in (0, 1], got {threshold.ToString(CultureInfo.InvariantCulture)}.");
                return 2;
            }

            BoxLabelSet set;
            try
            {
                set = BoxLabelSet.Load(parseResult.GetValue(data)!.FullName);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"lpr: {e.Message}");
                return 2;
            }

            var locator = locatorOptions.Open(parseResult, error);
            if (locator is null)
            {
                return 2;
            }

            using var disposeLocator = locator as IDisposable;
            var metrics = new DetectionMetrics(threshold);
            foreach (var frame in set.Frames)
            {
                try
                {
                    var image = ImageCodec.Load(Path.Combine(set.Directory, frame.File));
                    var found = locator.Locate(image);
                    metrics.Add(frame.Boxes, [.. found.Select(p => (p.Box, p.Score))]);
                }
                catch (ImageDecodeException e)
                {
                    error.WriteLine($"lpr: {e.Message}");
                    return 1;
                }
            }

            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"locator: {locator.Name} frames: {metrics.Frames} plates: {metrics.LabelledPlates} true-positives: {metrics.TruePositives} false-positives: {metrics.FalsePositives} misses: {metrics.Misses}"));
            output.WriteLine(string.Create(c, $"mAP@{threshold:0.##}: {metrics.AveragePrecision():0.0000}"));
            output.WriteLine(string.Create(c, $"recall: {metrics.Recall:0.0000} precision: {metrics.Precision:0.0000}"));
            return 0;
        });
        return command;
    }
}
