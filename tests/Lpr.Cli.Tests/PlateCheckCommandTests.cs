using System.CommandLine;
using System.Text.Json;
using Lpr.Cli.Commands;

namespace Lpr.Cli.Tests;

public class PlateCheckCommandTests
{
    private static (int ExitCode, string[] Lines) Run(params string[] args)
    {
        var root = new RootCommand { PlateCheckCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Prints_one_json_line_per_text_with_exactly_the_issue_fields()
    {
        var (exitCode, lines) = Run("plate", "check", "서울12가3456", "123가4567");
        Assert.Equal(0, exitCode);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(
            ["text", "valid", "region", "number", "hangul", "serial", "vehicleType", "usage", "legacy", "error"],
            first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            """{"text":"서울12가3456","valid":true,"region":"서울","number":"12","hangul":"가","serial":"3456","vehicleType":"passenger","usage":"private","legacy":true,"error":null}""",
            lines[0]);
        Assert.Equal(
            """{"text":"123가4567","valid":true,"region":null,"number":"123","hangul":"가","serial":"4567","vehicleType":"passenger","usage":"private","legacy":false,"error":null}""",
            lines[1]);
    }

    [Fact]
    public void Exit_code_is_1_when_any_text_is_invalid_and_the_error_is_reported()
    {
        var (exitCode, lines) = Run("plate", "check", "서울12바3456", "12가0000");
        Assert.Equal(1, exitCode);
        using var valid = JsonDocument.Parse(lines[0]);
        Assert.Equal("commercial", valid.RootElement.GetProperty("usage").GetString());
        using var invalid = JsonDocument.Parse(lines[1]);
        Assert.False(invalid.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, invalid.RootElement.GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.Null, invalid.RootElement.GetProperty("vehicleType").ValueKind);
        Assert.False(invalid.RootElement.GetProperty("legacy").GetBoolean());
        Assert.Contains("0000", invalid.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("998호1234", "emergency", "rental")]
    [InlineData("경기85배1234", "truck", "delivery")]
    [InlineData("72너1234", "van", "private")]
    [InlineData("99다1234", "special", "private")]
    public void Reports_vehicle_type_and_usage_in_camel_case(string text, string vehicleType, string usage)
    {
        var (exitCode, lines) = Run("plate", "check", text);
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(lines.Single());
        Assert.Equal(vehicleType, json.RootElement.GetProperty("vehicleType").GetString());
        Assert.Equal(usage, json.RootElement.GetProperty("usage").GetString());
    }

    [Fact]
    public void Text_needing_json_escapes_is_written_as_valid_json()
    {
        var (exitCode, lines) = Run("plate", "check", "12\"가\\3456");
        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(lines.Single());
        Assert.Equal("12\"가\\3456", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Missing_text_is_a_usage_error()
    {
        var (exitCode, _) = Run("plate", "check");
        Assert.NotEqual(0, exitCode);
    }
}
