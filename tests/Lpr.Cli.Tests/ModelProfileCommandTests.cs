using System.Globalization;
using System.Text.RegularExpressions;
using Lpr.Cli.Commands;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using Lpr.Testing;

namespace Lpr.Cli.Tests;

/// <summary><c>lpr model profile</c> on the shipped detector: every operator type timed, shares summing to the invoke.</summary>
public sealed partial class ModelProfileCommandTests
{
    private static readonly string Detector = RepoPaths.Combine("models", "kr-plate-detector-int8.tflite");

    [Theory]
    [InlineData("simd")]
    [InlineData("portable")]
    [InlineData("reference")]
    public void Lists_every_operator_type_with_shares_that_sum_to_the_invoke(string kernels)
    {
        var output = new StringWriter();
        Assert.Equal(0, ModelProfileCommand.Run(Detector, runs: 2, kernels, top: 5, output, new StringWriter()));
        var text = output.ToString();

        var model = ModelReader.ReadFile(Detector);
        var statistics = ModelStatistics.Compute(model);
        Assert.Contains($"kernels: {kernels} runs: 2", text, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{statistics.MultiplyAccumulates / 1e6:F2}M MACs"), text, StringComparison.Ordinal);
        var typeLines = text.Split('\n').SkipWhile(l => !l.StartsWith("per operator type", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(statistics.OperatorHistogram.Select(p => p.Key).Order(), typeLines.Select(l => l.Trim().Split(' ')[0]).Order());
        var shares = typeLines.Select(l => double.Parse(Share().Match(l).Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(shares.Sum(), 99.0, 101.0);
        Assert.Equal(5, text.Split('\n').SkipWhile(l => !l.StartsWith("slowest", StringComparison.Ordinal)).Skip(1).Count(l => l.StartsWith("  #", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_that_is_not_a_model_exits_2_with_the_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lpr-profile-{Guid.NewGuid():N}.tflite");
        File.WriteAllText(path, "not a model");
        try
        {
            var error = new StringWriter();
            Assert.Equal(2, ModelProfileCommand.Run(path, runs: 1, "simd", top: 1, new StringWriter(), error));
            Assert.StartsWith("lpr: ", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Zero_runs_exits_2_naming_the_option()
    {
        var error = new StringWriter();
        Assert.Equal(2, ModelProfileCommand.Run(Detector, runs: 0, "simd", top: 1, new StringWriter(), error));
        Assert.Contains("--runs", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"ms\s+([0-9.]+) %")]
    private static partial Regex Share();
}
