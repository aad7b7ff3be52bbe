using System.Text.Json;
using System.Text.Json.Nodes;
using Lpr.EdgeAgent.Publishing;
using Lpr.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Publishing;

public sealed class PlateEventSchemaTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("docs", "plate-event.schema.json"))).RootElement;

    private static string Serialize(PlateEvent plateEvent) => JsonSerializer.Serialize(plateEvent, PlateEventJsonContext.Readable.PlateEvent);

    [Theory]
    [InlineData(0)] // known match
    [InlineData(1)] // known null
    public void Serialized_events_satisfy_the_published_schema(int number)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 30, 15, 123, TimeSpan.Zero));
        var plateEvent = TestEvents.Create(new PlateEventIdGenerator(time), time, "gate-1", "entrance", number, crop: number == 0 ? "/9j/4AAQSkZJRg==" : null);

        using var json = JsonDocument.Parse(Serialize(plateEvent));

        Assert.Empty(JsonSchemaSubset.Validate(Schema, json.RootElement));
        Assert.Equal("2026-05-01T08:30:15.123Z", json.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal(number == 0 ? JsonValueKind.Object : JsonValueKind.Null, json.RootElement.GetProperty("known").ValueKind);
        Assert.Equal(number == 0, json.RootElement.TryGetProperty("crop", out _));
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("known")]
    [InlineData("bbox")]
    [InlineData("characters")]
    public void The_check_catches_an_event_missing_a_required_field(string field)
    {
        var time = new FakeTimeProvider();
        var node = JsonNode.Parse(Serialize(TestEvents.Create(new PlateEventIdGenerator(time), time, "a", "c", 3)))!.AsObject();
        node.Remove(field);

        using var json = JsonDocument.Parse(node.ToJsonString());

        Assert.Contains(JsonSchemaSubset.Validate(Schema, json.RootElement), p => p.Contains($"'{field}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Plate_text_is_written_as_readable_hangul_with_json_specials_still_escaped()
    {
        var time = new FakeTimeProvider();
        var plateEvent = TestEvents.Create(new PlateEventIdGenerator(time), time, "gate \"1\"", "entrance", 1) with { Plate = "서울12가3456" };

        var json = Serialize(plateEvent);

        Assert.Contains("\"plate\":\"서울12가3456\"", json, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("gate \"1\"", parsed.RootElement.GetProperty("agentId").GetString());
        Assert.Equal("서울12가3456", parsed.RootElement.GetProperty("plate").GetString());
    }

    [Fact]
    public void Every_required_field_of_the_issue_is_required_by_the_schema()
    {
        string[] issueFields =
        [
            "eventId", "timestamp", "agentId", "cameraId", "plate", "valid", "region", "vehicleType", "usage",
            "confidence", "characters", "bbox", "frames", "votes", "model", "backend", "latencyMs", "known",
        ];
        var required = Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.All(issueFields, field => Assert.Contains(field, required));
        Assert.True(Schema.GetProperty("properties").TryGetProperty("crop", out _));
    }
}
