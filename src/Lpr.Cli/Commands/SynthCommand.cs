using System.CommandLine;
using Lpr.Synth;
using Lpr.Synth.Options;
using Lpr.Synth.Output;
using Lpr.Synth.Scenes;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr synth</c>: renders synthetic plate crops (or scene frames with <c>--scene</c>) with labels,
/// character masks and boxes; <c>--preview</c> writes a contact sheet. Deterministic per seed and config.
/// </summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of samples (crops or frames).", DefaultValueFactory = _ => 100 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (images, labels.tsv, annotations.jsonl, masks/)." };
        var seed = new Option<long>("--seed") { Description = "Random seed; the same seed and config give the same bytes.", DefaultValueFactory = _ => 1 };
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration (see `lpr synth --print-config`)." };
        var scene = new Option<bool>("--scene") { Description = "Render scene frames with vehicles and plates (for localization) instead of crops." };
        var sequence = new Option<bool>("--sequence") { Description = "With --scene: one camera view where vehicles pass through consecutive frames." };
        var nameByLabel = new Option<bool>("--name-by-label") { Description = "Name crops by label (12가3456_0.png) instead of by index." };
        var preview = new Option<FileInfo?>("--preview") { Description = "Write a contact sheet PNG of the samples with their labels." };
        var printConfig = new Option<bool>("--print-config") { Description = "Print the default configuration as JSON and exit." };
        var command = new Command("synth", "Render synthetic Korean plates: recognizer crops or scenes, with labels, boxes and character masks.")
        {
            count, output, seed, config, scene, sequence, nameByLabel, preview, printConfig,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(printConfig))
            {
                stdout.WriteLine(SynthConfig.Serialize(new SynthOptions()));
                return 0;
            }

            var n = parseResult.GetValue(count);
            var outDir = parseResult.GetValue(output);
            var previewFile = parseResult.GetValue(preview);
            if (n <= 0)
            {
                stderr.WriteLine($"--count must be positive, got {n}.");
                return 2;
            }

            if (outDir is null && previewFile is null)
            {
                stderr.WriteLine("Give --out DIR, --preview FILE.png, or both.");
                return 2;
            }

            try
            {
                var configFile = parseResult.GetValue(config);
                var options = configFile is null ? new SynthOptions() : SynthConfig.Load(configFile.FullName);
                var s = parseResult.GetValue(seed);
                return parseResult.GetValue(scene)
                    ? RunScenes(options, s, n, outDir, previewFile, parseResult.GetValue(sequence), stdout)
                    : RunCrops(options, s, n, outDir, previewFile, parseResult.GetValue(nameByLabel), stdout);
            }
            catch (SynthConfigException e)
            {
                stderr.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static int RunCrops(SynthOptions options, long seed, int count, DirectoryInfo? outDir, FileInfo? previewFile, bool nameByLabel, TextWriter stdout)
    {
        using var generator = new PlateSampleGenerator(options, seed);
        if (outDir is not null)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            CropDatasetWriter.Write(generator, count, outDir.FullName, nameByLabel);
            stdout.WriteLine($"Wrote {count} crops to {outDir.FullName} in {started.Elapsed.TotalSeconds:F1} s.");
        }

        if (previewFile is not null)
        {
            var samples = generator.GenerateBatch(0, Math.Min(count, 60));
            var sheet = ContactSheet.Render([.. samples.Select(s => (s.Image, $"{s.Text}  {s.Type}"))], columns: 6, cellWidth: 256, captionFontPath: CaptionFont());
            File.WriteAllBytes(previewFile.FullName, sheet);
            stdout.WriteLine($"Wrote preview {previewFile.FullName}.");
        }

        return 0;
    }

    private static int RunScenes(SynthOptions options, long seed, int count, DirectoryInfo? outDir, FileInfo? previewFile, bool sequence, TextWriter stdout)
    {
        using var generator = new SceneGenerator(options, seed);
        var frames = sequence ? generator.GenerateSequence(count) : generator.GenerateBatch(0, count);
        if (outDir is not null)
        {
            SceneDatasetWriter.Write(frames, outDir.FullName, options.Scene.JpegQuality);
            stdout.WriteLine($"Wrote {count} scene frames to {outDir.FullName}.");
        }

        if (previewFile is not null)
        {
            var sheet = ContactSheet.Render(
                [.. frames.Take(24).Select(f => (f.Image, string.Join(' ', f.Plates.Select(p => p.Text))))],
                columns: 4,
                cellWidth: 480,
                captionFontPath: CaptionFont());
            File.WriteAllBytes(previewFile.FullName, sheet);
            stdout.WriteLine($"Wrote preview {previewFile.FullName}.");
        }

        return 0;
    }

    private static readonly string[] CaptionFonts = ["/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"];

    private static string? CaptionFont() => CaptionFonts.FirstOrDefault(File.Exists);
}
