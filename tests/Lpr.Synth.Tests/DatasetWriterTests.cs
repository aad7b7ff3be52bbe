using Lpr.Synth.Options;
using Lpr.Synth.Output;
using Lpr.Synth.Rendering;
using SkiaSharp;

namespace Lpr.Synth.Tests;

public sealed class DatasetWriterTests
{
    [Fact]
    public void CropsAreWrittenWithLabelsMasksAndAnnotations()
    {
        var directory = Directory.CreateTempSubdirectory("lpr-synth-test-").FullName;
        try
        {
            using var generator = new PlateSampleGenerator(new SynthOptions(), 12, SharedFonts.Library);
            var names = CropDatasetWriter.Write(generator, 20, directory, nameByLabel: true, batchSize: 7);
            Assert.Equal(20, names.Count);
            var lines = File.ReadAllLines(Path.Combine(directory, "labels.tsv"));
            Assert.Equal(20, lines.Length);
            for (var i = 0; i < 20; i++)
            {
                var fields = lines[i].Split('\t');
                Assert.Equal(3, fields.Length);
                Assert.Equal(names[i], fields[0]);
                Assert.StartsWith(fields[1] + "_", fields[0], StringComparison.Ordinal);
                Assert.True(Enum.TryParse<PlateType>(fields[2], out _));
                Assert.True(File.Exists(Path.Combine(directory, fields[0])));
                Assert.True(File.Exists(Path.Combine(directory, "masks", fields[0])));
            }

            Assert.Equal(20, File.ReadAllLines(Path.Combine(directory, "annotations.jsonl")).Length);
            using var png = SKBitmap.Decode(Path.Combine(directory, names[0]));
            Assert.Equal(128, png.Width);
            Assert.Equal(64, png.Height);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void HomographyMapsTheFourCorners()
    {
        SKPoint[] to = [new(10, 12), new(110, 5), new(118, 50), new(8, 58)];
        var h = Homography.FromRectangle(520, 110, to);
        Assert.Equal(to[0].X, h.MapPoint(0, 0).X, 2);
        Assert.Equal(to[1].Y, h.MapPoint(520, 0).Y, 2);
        Assert.Equal(to[2].X, h.MapPoint(520, 110).X, 2);
        Assert.Equal(to[3].Y, h.MapPoint(0, 110).Y, 2);
        Assert.Throws<ArgumentException>(() => Homography.FromPoints([new(0, 0), new(1, 1), new(2, 2), new(3, 3)], to));
    }
}
