using Lpr.Testing;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>
/// A run directory's <c>options.json</c> records its paths relative to the run, so a checkpoint committed with its run
/// exports from a clone anywhere (export calibrates on the generator config the record names).
/// </summary>
public sealed class RunRecordTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("lpr-run-record-").FullName;

    [Fact]
    public void A_recognizer_run_record_moved_with_its_tree_names_the_moved_files()
    {
        var before = Path.Combine(directory, "before");
        var run = Path.Combine(before, "runs", "r");
        var options = new TrainingOptions
        {
            SynthConfig = Path.Combine(before, "scripts", "synth.json"),
            ValidationSynthConfig = Path.Combine(before, "scripts", "clean.json"),
            InitialWeights = Path.Combine(before, "runs", "previous", "best.weights"),
        };
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "options.json"), options.ToRunRecord(run));

        var after = Path.Combine(directory, "after");
        Directory.Move(before, after);
        var read = TrainingOptions.ReadRunRecord(Path.Combine(after, "runs", "r", "options.json"));

        Assert.DoesNotContain(before, File.ReadAllText(Path.Combine(after, "runs", "r", "options.json")), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(after, "scripts", "synth.json"), read.SynthConfig);
        Assert.Equal(Path.Combine(after, "scripts", "clean.json"), read.ValidationSynthConfig);
        Assert.Equal(Path.Combine(after, "runs", "previous", "best.weights"), read.InitialWeights);
        Assert.Equal(options with { SynthConfig = read.SynthConfig, ValidationSynthConfig = read.ValidationSynthConfig, InitialWeights = read.InitialWeights }, read);
    }

    [Fact]
    public void A_detector_run_record_moved_with_its_tree_names_the_moved_files()
    {
        var before = Path.Combine(directory, "before");
        var run = Path.Combine(before, "runs", "d");
        var options = new DetectorTrainingOptions { SynthConfig = Path.Combine(before, "scripts", "scenes.json") };
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "options.json"), options.ToRunRecord(run));

        var after = Path.Combine(directory, "after");
        Directory.Move(before, after);
        var read = DetectorTrainingOptions.ReadRunRecord(Path.Combine(after, "runs", "d", "options.json"));

        Assert.Equal(Path.Combine(after, "scripts", "scenes.json"), read.SynthConfig);
        Assert.Null(read.InitialWeights);
    }

    [Fact]
    public void Every_committed_run_record_names_its_generator_config_and_initial_weights_relative_to_the_run_and_they_exist()
    {
        var records = Directory.GetFiles(RepoPaths.Combine("runs"), "options.json", SearchOption.AllDirectories);

        Assert.NotEmpty(records);
        Assert.All(records, record =>
        {
            var json = File.ReadAllText(record);
            Assert.DoesNotContain("\"/", json, StringComparison.Ordinal); // no rooted path
            IRunOptions options = json.Contains("\"ScoreThreshold\"", StringComparison.Ordinal) // only the detector has one
                ? DetectorTrainingOptions.ReadRunRecord(record)
                : TrainingOptions.ReadRunRecord(record);
            Assert.True(options.SynthConfig is null || File.Exists(options.SynthConfig), $"{record} names '{options.SynthConfig}'");
            Assert.True(options.InitialWeights is null || File.Exists(options.InitialWeights), $"{record} starts from '{options.InitialWeights}'");
        });
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
