using System.Globalization;
using Lpr.Core.Imaging;

namespace Lpr.EdgeAgent.Options;

/// <summary>Parses the geometry written in configuration strings: polygons <c>"x,y x,y …"</c> and rectangles <c>"x,y,w,h"</c>.</summary>
public static class GeometryText
{
    /// <summary>Null on success, else why the text is not a polygon of at least 3 points.</summary>
    public static string? TryParsePolygon(string text, out PointF32[] polygon)
    {
        ArgumentNullException.ThrowIfNull(text);
        polygon = [];
        var points = new List<PointF32>();
        foreach (var pair in text.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(',');
            if (parts.Length != 2
                || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                || x < 0 || y < 0 || !float.IsFinite(x) || !float.IsFinite(y))
            {
                return $"'{pair}' is not a point 'x,y' of non-negative numbers";
            }

            points.Add(new PointF32(x, y));
        }

        if (points.Count < 3)
        {
            return $"needs at least 3 points 'x,y x,y x,y', got {points.Count}";
        }

        polygon = [.. points];
        return null;
    }

    /// <summary>Null on success, else why the text is not a rectangle <c>x,y,width,height</c> with a positive size.</summary>
    public static string? TryParseRect(string text, out PixelRect rect)
    {
        ArgumentNullException.ThrowIfNull(text);
        rect = default;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[4];
        if (parts.Length != 4 || parts.Where((p, i) => !int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).Any())
        {
            return $"'{text}' is not 'x,y,width,height' in whole pixels";
        }

        if (values[0] < 0 || values[1] < 0 || values[2] <= 0 || values[3] <= 0)
        {
            return $"'{text}' needs x,y >= 0 and a positive width and height";
        }

        rect = new PixelRect(values[0], values[1], values[2], values[3]);
        return null;
    }
}
