using System.CommandLine;
using System.Globalization;
using Lpr.Core.Localization;
using Lpr.Vision.Imaging;
using Lpr.Vision.Localization.Evaluation;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr eval-detect [--model DETECTOR.tflite [--backend B]] [--locator classical|learned] [--iou 0.5]
/// [--recognizer RECOGNIZER.tflite [--min-confidence C]] DATA</c>: runs the locator (the learned detector when
/// <c>--model</c> is given, else the classical one) over a folder of frames with box labels (the
/// <c>lpr synth --scene</c> format) and prints frames, plates, true/false positives, AP at the IoU threshold, and
/// as the last line <c>recall: R precision: P</c>. With <c>--recognizer</c> (on the detector's backend) the
/// candidates are read and verified as the agent does (<see cref="FramePlateReader"/>), the metrics count only the
/// verified plates (ranked by their reading's confidence for AP), and a line
/// <c>verifier: MODEL min-confidence: C candidates: N rejected: R exact-match: M/T (rate)</c> tells how many
/// candidates the verifier rejected and how many verified true positives read exactly the labelled text.
/// <c>--details FILE.tsv</c> (with <c>--recognizer</c>) writes one row per verified plate: frame, box, detector score,
/// what it matched (the labelled text, <c>-</c> for a false positive, <c>partly-hidden</c>), the reading, its
/// confidence and each character's, so a verifier rule can be chosen from data.
/// Exit 0 after a complete run, 1 when an image cannot be decoded, 2 when the folder, its labels, an option or a
/// model are unusable.
/// </summary>
internal static class EvalDetectCommand
{
    public static Command Create()
    {
        var backend = new BackendOptions();
        var locatorOptions = new LocatorOptions(backend, "--model", "--descriptor");
        var recognizerOptions = new RecognizerOptions(backend, "--recognizer", "--recognizer-descriptor", required: false);
        var verifierOptions = new VerifierOptions();
        var iou = new Option<double>("--iou") { Description = "IoU a detection needs with a labelled box to count as found.", DefaultValueFactory = _ => 0.5 };
        var details = new Option<FileInfo?>("--details") { Description = "With --recognizer: write one TSV row per verified plate (frame, box, score, matched label, reading, confidences)." };
        var data = new Argument<DirectoryInfo>("DATA") { Description = "Folder with frames and labels.tsv (file TAB text TAB x,y,w,h)." };
        var command = new Command("eval-detect", "Measure plate localization: precision, recall and AP at IoU 0.5 on a labelled folder of frames.");
        locatorOptions.AddTo(command);
        recognizerOptions.AddTo(command);
        verifierOptions.AddTo(command);
        command.Options.Add(iou);
        command.Options.Add(details);
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
            var verifying = recognizerOptions.IsGiven(parseResult);
            if (!verifying && parseResult.GetResult(verifierOptions.MinConfidence) is { Implicit: false })
            {
                error.WriteLine("lpr: --min-confidence needs --recognizer RECOGNIZER.tflite.");
                return 2;
            }

            if (!verifying && parseResult.GetValue(details) is not null)
            {
                error.WriteLine("lpr: --details needs --recognizer RECOGNIZER.tflite.");
                return 2;
            }

            var verifier = verifying ? verifierOptions.Open(parseResult, error) : null;
            using var recognizer = verifier is null ? null : recognizerOptions.Open(parseResult, error);
            if (verifying && recognizer is null)
            {
                return 2;
            }

            var reader = recognizer is null ? null : new FramePlateReader(locator, recognizer, verifier);
            using var detailWriter = parseResult.GetValue(details) is { } detailFile ? new StreamWriter(detailFile.FullName) : null;
            detailWriter?.WriteLine("file\tx\ty\twidth\theight\tscore\tmatched\treading\tconfidence\tcharacters");
            var metrics = new DetectionMetrics(threshold);
            int candidates = 0, rejected = 0, verifiedTruePositives = 0, exactMatches = 0;
            foreach (var frame in set.Frames)
            {
                try
                {
                    var image = ImageCodec.Load(Path.Combine(set.Directory, frame.File));
                    if (reader is null)
                    {
                        var found = locator.Locate(image);
                        metrics.Add(frame.Boxes, [.. found.Select(p => (p.Box, p.Score))], frame.PartlyHidden);
                        continue;
                    }

                    var read = reader.Read(image);
                    candidates += read.Candidates;
                    rejected += read.Rejected;
                    var matches = metrics.Add(frame.Boxes, [.. read.Plates.Select(p => (p.Candidate.Box, p.Reading.Confidence))], frame.PartlyHidden);
                    for (var i = 0; i < matches.Count; i++)
                    {
                        if (detailWriter is not null)
                        {
                            var (candidate, reading) = read.Plates[i];
                            var matched = matches[i] switch { >= 0 => frame.Texts[matches[i]], DetectionMetrics.OnIgnoredPlate => "partly-hidden", _ => "-" };
                            var box = candidate.Box;
                            var characterConfidences = string.Join(' ', reading.Characters.Select(ch => string.Create(CultureInfo.InvariantCulture, $"{ch.Token}:{ch.Confidence:0.####}")));
                            detailWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{frame.File}\t{box.X}\t{box.Y}\t{box.Width}\t{box.Height}\t{candidate.Score:0.####}\t{matched}\t{reading.Text}\t{reading.Confidence:0.######}\t{characterConfidences}"));
                        }

                        if (matches[i] >= 0)
                        {
                            verifiedTruePositives++;
                            exactMatches += read.Plates[i].Reading.Text == frame.Texts[matches[i]] ? 1 : 0;
                        }
                    }
                }
                catch (ImageDecodeException e)
                {
                    error.WriteLine($"lpr: {e.Message}");
                    return 1;
                }
            }

            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"locator: {locator.Name} frames: {metrics.Frames} plates: {metrics.LabelledPlates} true-positives: {metrics.TruePositives} false-positives: {metrics.FalsePositives} misses: {metrics.Misses} on-partly-hidden: {metrics.Ignored}"));
            if (recognizer is not null)
            {
                var rate = verifiedTruePositives == 0 ? "n/a" : (exactMatches / (double)verifiedTruePositives).ToString("0.0000", c);
                output.WriteLine(string.Create(c, $"verifier: {recognizer.ModelName} min-confidence: {parseResult.GetValue(verifierOptions.MinConfidence):0.###} candidates: {candidates} rejected: {rejected} exact-match: {exactMatches}/{verifiedTruePositives} ({rate})"));
            }

            output.WriteLine(string.Create(c, $"mAP@{threshold:0.##}: {metrics.AveragePrecision():0.0000}"));
            output.WriteLine(string.Create(c, $"recall: {metrics.Recall:0.0000} precision: {metrics.Precision:0.0000}"));
            return 0;
        });
        return command;
    }
}
