using System.CommandLine;
using System.Security.Cryptography;
using Lpr.Cli.Commands;
using Lpr.Core.Plates;

namespace Lpr.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lpr-synth-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { SynthCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_every_label_is_a_valid_plate()
    {
        var a = Path.Combine(_directory.FullName, "a");
        var b = Path.Combine(_directory.FullName, "b");

        var first = Run("synth", "--count", "24", "--seed", "5", "--out", a);
        var second = Run("synth", "--count", "24", "--seed", "5", "--out", b);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Wrote 24 crops", first.Output, StringComparison.Ordinal);
        var hashes = Hashes(a);
        Assert.Equal(hashes, Hashes(b));
        var labels = File.ReadAllLines(Path.Combine(a, "labels.tsv"));
        Assert.Equal(24, labels.Length);
        Assert.All(labels, line =>
        {
            var fields = line.Split('\t');
            Assert.Equal(3, fields.Length);
            Assert.True(File.Exists(Path.Combine(a, fields[0])), fields[0]);
            Assert.True(PlateGrammar.Parse(fields[1]).IsValid, $"{fields[1]} should be a valid plate");
        });
        Assert.Equal(24, Directory.GetFiles(Path.Combine(a, "masks")).Length);
    }

    [Fact]
    public void Another_seed_writes_other_plates()
    {
        var a = Path.Combine(_directory.FullName, "a");
        var c = Path.Combine(_directory.FullName, "c");
        Assert.Equal(0, Run("synth", "--count", "8", "--seed", "5", "--out", a).ExitCode);
        Assert.Equal(0, Run("synth", "--count", "8", "--seed", "6", "--out", c).ExitCode);

        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "labels.tsv")), File.ReadAllText(Path.Combine(c, "labels.tsv")));
    }

    [Fact]
    public void A_wrong_config_value_is_refused_naming_its_key_and_writes_nothing()
    {
        var config = Path.Combine(_directory.FullName, "bad.json");
        File.WriteAllText(config, """{ "degradations": { "jpeg": { "probability": 1.5 } } }""");
        var output = Path.Combine(_directory.FullName, "out");

        var (exitCode, _, error) = Run("synth", "--count", "4", "--config", config, "--out", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("degradations.jpeg.probability", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public void Scene_mode_writes_frames_with_box_labels_and_a_preview()
    {
        var output = Path.Combine(_directory.FullName, "scenes");
        var preview = Path.Combine(_directory.FullName, "scenes.png");

        var (exitCode, stdout, _) = Run("synth", "--scene", "--count", "3", "--seed", "2", "--out", output, "--preview", preview);

        Assert.Equal(0, exitCode);
        Assert.Contains("Wrote 3 scene frames", stdout, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(output, "*.jpg").Length);
        Assert.True(File.Exists(Path.Combine(output, "annotations.jsonl")));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(preview)[..4]);
    }
}
