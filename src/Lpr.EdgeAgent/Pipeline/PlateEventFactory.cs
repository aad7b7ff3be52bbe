using System.Globalization;
using Lpr.Core.Plates;
using Lpr.Core.Tracking;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing;
using Lpr.Vision.Imaging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>Turns a decided <see cref="PlatePass"/> into the published <see cref="PlateEvent"/>: grammar fields, known-plate match, optional crop.</summary>
internal sealed class PlateEventFactory(
    PlateEventIdGenerator ids,
    IOptions<MqttOptions> mqtt,
    IOptions<PipelineOptions> pipeline,
    KnownPlatesProvider knownPlates,
    PipelineStatistics statistics,
    TimeProvider time)
{
    public PlateEvent Create(string cameraId, PlatePass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var now = time.GetUtcNow();
        var plate = PlateGrammar.Parse(pass.Text).Plate;
        var known = knownPlates.Current.Match(pass.Text);
        var box = pass.Best.Box;
        string? crop = null;
        if (pipeline.Value.IncludeCrop && pass.Best.Crop is { } image)
        {
            crop = Convert.ToBase64String(ImageCodec.EncodeJpeg(image, pipeline.Value.CropJpegQuality));
        }

        return new PlateEvent
        {
            EventId = ids.Next(),
            Timestamp = now,
            AgentId = mqtt.Value.AgentId,
            CameraId = cameraId,
            Plate = pass.Text,
            Valid = pass.Valid,
            Region = plate?.Region,
            VehicleType = plate is null ? null : Lower(plate.VehicleType.ToString()),
            Usage = plate is null ? null : Lower(plate.Usage.ToString()),
            Confidence = Math.Round(pass.Confidence, 4),
            Characters = [.. pass.Characters.Select(c => new PlateEventCharacter(c.Token, Math.Round(c.Confidence, 4)))],
            Bbox = new PlateEventBoundingBox(box.X, box.Y, box.Width, box.Height),
            Frames = pass.Frames,
            Votes = pass.Votes,
            Model = statistics.Model ?? string.Empty,
            Backend = statistics.Backend ?? string.Empty,
            // From the capture of the last frame of the pass: for a pass decided at track end this includes the track timeout.
            LatencyMs = Math.Round(Math.Max(0, (now - pass.LastSeen).TotalMilliseconds), 1),
            Known = known is null ? null : new PlateEventKnownMatch(known.Plate.Name, known.Plate.Tags, known.Distance),
            Crop = crop,
        };
    }

    private static string Lower(string name) => name.ToLower(CultureInfo.InvariantCulture);
}
