using SkiaSharp;

namespace Lpr.Training.Optimization;

/// <summary>Draws the training loss (and the hold-out score: exact match, average precision) of a run as a PNG.</summary>
public static class LossCurvePlot
{
    public static void Write(TrainingState state, string path, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write([.. state.LossHistory.Select(p => (p.Step, p.Loss))], [.. state.ValidationHistory.Select(v => (v.Step, v.ExactMatch))], "hold-out exact match", state.BestExactMatch, path, width, height);
    }

    public static void Write(DetectorTrainingState state, string path, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(state);
        Write([.. state.LossHistory.Select(p => (p.Step, p.Loss))], [.. state.ValidationHistory.Select(v => (v.Step, v.AveragePrecision))], "hold-out AP@0.5", state.BestAveragePrecision, path, width, height);
    }

    /// <param name="points">Windowed mean training loss by step (drawn on a log scale).</param>
    /// <param name="validation">Hold-out score in [0, 1] by step.</param>
    /// <param name="metric">What the score is, for the legend.</param>
    private static void Write(IReadOnlyList<(long Step, double Loss)> points, IReadOnlyList<(long Step, double Value)> validation, string metric, double best, string path, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        const float margin = 50;
        var plot = new SKRect(margin, margin / 2, width - margin, height - margin);
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var lossPaint = new SKPaint { Color = SKColors.SteelBlue, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var matchPaint = new SKPaint { Color = SKColors.DarkOrange, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var textPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont { Size = 13 };
        canvas.DrawRect(plot, axis);

        var lastStep = Math.Max(1, Math.Max(points.Count > 0 ? points[^1].Step : 1, validation.Count > 0 ? validation[^1].Step : 1));
        if (points.Count > 1)
        {
            // Log scale: CTC loss spans orders of magnitude over a run.
            var logs = points.Select(p => Math.Log10(Math.Max(p.Loss, 1e-4))).ToArray();
            double low = logs.Min(), high = Math.Max(logs.Max(), low + 1e-6);
            using var path2 = new SKPath();
            for (var i = 0; i < points.Count; i++)
            {
                var x = plot.Left + (float)(points[i].Step / (double)lastStep * plot.Width);
                var y = plot.Bottom - (float)((logs[i] - low) / (high - low) * plot.Height);
                if (i == 0)
                {
                    path2.MoveTo(x, y);
                }
                else
                {
                    path2.LineTo(x, y);
                }
            }

            canvas.DrawPath(path2, lossPaint);
            canvas.DrawText($"loss (log scale) {Math.Pow(10, high):G3} … {Math.Pow(10, low):G3}", plot.Left + 8, plot.Top + 16, font, textPaint);
        }

        if (validation.Count > 0)
        {
            using var path3 = new SKPath();
            for (var i = 0; i < validation.Count; i++)
            {
                var v = validation[i];
                var x = plot.Left + (float)(v.Step / (double)lastStep * plot.Width);
                var y = plot.Bottom - (float)(v.Value * plot.Height);
                if (i == 0)
                {
                    path3.MoveTo(x, y);
                }
                else
                {
                    path3.LineTo(x, y);
                }
            }

            canvas.DrawPath(path3, matchPaint);
            canvas.DrawText($"{metric} (0-100%), best {Math.Max(0, best):P2}", plot.Left + 8, plot.Top + 34, font, textPaint);
        }

        canvas.DrawText($"step {lastStep}", plot.Right - 90, height - 18, font, textPaint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
