using System.CommandLine;
using System.Diagnostics;
using Lpr.Core.Recognition.Evaluation;
using Lpr.Vision.Imaging;
using Lpr.Vision.Recognition;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr eval --model MODEL [--backend B] [--descriptor FILE] [--tflite-lib SO] [--edgetpu-lib SO] [--detector DETECTOR] [--report FILE.html] DATA</c>: runs the
/// recognizer over a folder of labelled crops (labels.tsv, else file names) and prints exact-match
/// accuracy (constrained and greedy), character accuracy, per-plate-type accuracy, the errors, latency
/// percentiles and, last, <c>accuracy: 0.xxxx (n/N)</c>. Exit 0 after a complete run, 2 when the model
/// or the data cannot be opened.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var backend = new BackendOptions();
        var model = new RecognizerOptions(backend, "--model", "--descriptor", required: true);
        var reframe = new ReframeOptions(backend);
        var report = new Option<FileInfo?>("--report") { Description = "Also write the report with the crops as a self-contained HTML file." };
        var data = new Argument<DirectoryInfo>("DATA") { Description = "Folder of plate crops with labels.tsv (file<TAB>text) or labelled by file name (12가3456_3.jpg)." };
        var command = new Command("eval", "Measure recognizer accuracy and latency on a folder of labelled plate crops.");
        model.AddTo(command);
        reframe.AddTo(command);
        command.Options.Add(report);
        command.Arguments.Add(data);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            IReadOnlyList<LabelledCrop> samples;
            try
            {
                samples = EvaluationDataset.Load(parseResult.GetValue(data)!.FullName);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FormatException or IOException)
            {
                error.WriteLine($"lpr: {e.Message}");
                return 2;
            }

            using var recognizer = model.Open(parseResult, error) is { } opened ? reframe.Wrap(opened, parseResult, error) : null;
            if (recognizer is null)
            {
                return 2;
            }

            var results = new EvaluationReport();
            foreach (var sample in samples)
            {
                try
                {
                    var crop = ImageCodec.Load(sample.Path);
                    var started = Stopwatch.GetTimestamp();
                    var reading = recognizer.Recognize(crop);
                    results.Add(sample, reading, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (ImageDecodeException e)
                {
                    results.Add(sample, null, 0, e.Message);
                }
            }

            output.WriteLine($"model: {recognizer.ModelName} ({recognizer.BackendName})");
            if (parseResult.GetValue(report) is { } html)
            {
                using var writer = new StreamWriter(html.FullName);
                results.WriteHtml(writer, DataUri);
                output.WriteLine($"report: {html.FullName}");
            }

            if (recognizer is ReframingPlateRecognizer reframing)
            {
                output.WriteLine($"reframed: {reframing.Counts.Reframed} of {samples.Count} crops, the reframed reading taken for {reframing.Counts.Taken}");
            }

            results.WriteText(output);
            return 0;
        });
        return command;
    }

    /// <summary>The crop file as a data URI, so the HTML report is one self-contained file.</summary>
    private static string? DataUri(LabelledCrop sample)
    {
        var mime = Path.GetExtension(sample.Path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".bmp" => "image/bmp",
            ".webp" => "image/webp",
            _ => null,
        };
        return mime is null || !File.Exists(sample.Path) ? null : $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(sample.Path))}";
    }
}
