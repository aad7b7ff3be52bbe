using Lpr.Training.Cli;

namespace Lpr.Training.Tests;

/// <summary><c>lpr-train</c> on a config the user has to fix: one line naming the problem and exit 2, before any training.</summary>
public sealed class LprTrainInputErrorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("lpr-train-input-").FullName;

    [Fact]
    public async Task A_scene_config_with_an_unknown_key_is_named_in_one_line()
    {
        File.WriteAllText(Path.Combine(directory, "synth.json"), """{ "crop": { "minPlateWidthShares": 0.5 } }""");
        var config = Write("run.json", """{ "synthConfig": "synth.json", "steps": 2, "batchSize": 2, "validationSamples": 2 }""");

        var (exitCode, error) = await Run("train", "--out", Path.Combine(directory, "run"), "--config", config);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("lpr-train: ", error, StringComparison.Ordinal);
        Assert.Contains("crop.minPlateWidthShares", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(directory, "run", "state.json")));
    }

    [Fact]
    public async Task A_malformed_run_config_is_named_in_one_line()
    {
        var config = Write("run.json", """{ "steps": 2, """);

        var (exitCode, error) = await Run("train-detector", "--out", Path.Combine(directory, "run"), "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Contains(config, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_out_of_range_training_option_is_named()
    {
        var config = Write("run.json", """{ "steps": 0 }""");

        var (exitCode, error) = await Run("train", "--out", Path.Combine(directory, "run"), "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Contains("'steps'", error, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int ExitCode, string Error)> Run(params string[] args)
    {
        using var error = new StringWriter();
        var exitCode = await LprTrain.InvokeAsync(args, error);
        return (exitCode, error.ToString());
    }
}
