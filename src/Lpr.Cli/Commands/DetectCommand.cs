using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lpr.Core.Localization;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr detect [--model DETECTOR.tflite [--backend B] [--descriptor FILE]] [--locator classical|learned] [--annotate DIR] IMAGE...</c>:
/// finds plates in whole frames, with the learned detector when <c>--model</c> is given (else the classical
/// locator), and prints one JSON object per image: <c>{"file","locator","ms","plates":[{"box":[x,y,w,h],"corners":[x0,y0,…,x3,y3],"score"}]}</c>
/// (corners TL, TR, BR, BL). With <c>--annotate</c> each frame is also written as a PNG with the quads drawn.
/// Exit 0 when every image was read, 1 when one could not be decoded, 2 when the detector cannot be opened.
/// </summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var locatorOptions = new LocatorOptions();
        var annotate = new Option<DirectoryInfo?>("--annotate") { Description = "Folder to write <image>.detect.png with the found plates outlined." };
        var images = new Argument<FileInfo[]>("IMAGE") { Description = "Frame images (JPEG, PNG, BMP).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("detect", "Find licence plates in whole camera frames (boxes, corners, scores as JSON lines).");
        locatorOptions.AddTo(command);
        command.Options.Add(annotate);
        command.Arguments.Add(images);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var locator = locatorOptions.Open(parseResult, error);
            if (locator is null)
            {
                return 2;
            }

            using var disposeLocator = locator as IDisposable;
            var annotateDir = parseResult.GetValue(annotate);
            annotateDir?.Create();
            return ImageArguments.ForEach(parseResult.GetValue(images), error, (image, frame) =>
            {
                var started = Stopwatch.GetTimestamp();
                var plates = locator.Locate(frame);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                output.WriteLine(ToJson(image.Name, locator.Name, ms, plates));
                if (annotateDir is not null)
                {
                    Annotate(frame, plates, Path.Combine(annotateDir.FullName, Path.GetFileNameWithoutExtension(image.Name) + ".detect.png"));
                }
            });
        });
        return command;
    }

    internal static string ToJson(string file, string locator, double milliseconds, IReadOnlyList<PlateCandidate> plates)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PlateCheckCommand.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("locator", locator);
            json.WriteNumber("ms", Math.Round(milliseconds, 3));
            json.WriteStartArray("plates");
            foreach (var plate in plates)
            {
                json.WriteStartObject();
                WritePlace(json, plate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Where a candidate is: <c>"box":[x,y,w,h],"corners":[x0,y0,…,x3,y3],"score"</c> (corners TL, TR, BR, BL).</summary>
    internal static void WritePlace(Utf8JsonWriter json, PlateCandidate plate)
    {
        var b = plate.Box;
        json.WriteStartArray("box");
        json.WriteNumberValue(b.X);
        json.WriteNumberValue(b.Y);
        json.WriteNumberValue(b.Width);
        json.WriteNumberValue(b.Height);
        json.WriteEndArray();
        json.WriteStartArray("corners");
        foreach (var p in new[] { plate.Corners.TopLeft, plate.Corners.TopRight, plate.Corners.BottomRight, plate.Corners.BottomLeft })
        {
            json.WriteNumberValue(Math.Round(p.X, 1));
            json.WriteNumberValue(Math.Round(p.Y, 1));
        }

        json.WriteEndArray();
        json.WriteNumber("score", Math.Round(plate.Score, 4));
    }

    private static void Annotate(Lpr.Core.Imaging.PixelImage frame, IReadOnlyList<PlateCandidate> plates, string path)
    {
        using var mat = frame.ToMat();
        using var canvas = new Mat();
        if (mat.Channels() == 1)
        {
            Cv2.CvtColor(mat, canvas, ColorConversionCodes.GRAY2BGR);
        }
        else
        {
            mat.CopyTo(canvas);
        }

        foreach (var plate in plates)
        {
            var q = plate.Corners;
            Point[] polygon =
            [
                new((int)q.TopLeft.X, (int)q.TopLeft.Y), new((int)q.TopRight.X, (int)q.TopRight.Y),
                new((int)q.BottomRight.X, (int)q.BottomRight.Y), new((int)q.BottomLeft.X, (int)q.BottomLeft.Y),
            ];
            Cv2.Polylines(canvas, [polygon], true, Scalar.LimeGreen, 2);
            Cv2.PutText(canvas, plate.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), polygon[0] + new Point(0, -4), HersheyFonts.HersheySimplex, 0.5, Scalar.LimeGreen, 1);
        }

        Cv2.ImWrite(path, canvas);
    }
}
