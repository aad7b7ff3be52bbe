using System.CommandLine;
using Lpr.Cli.Commands;
using Lpr.Testing;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Tests;

public sealed class ModelCutCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lpr-cut-").FullName;
    private readonly string _model;

    public ModelCutCommandTests()
    {
        // int8 image → RELU → CONV_2D → custom "PostProcess" (with constant anchors) → float detections.
        var b = CustomOpDetectorModel.Build(sideBranch: false);
        _model = Path.Combine(_folder, "detector.tflite");
        File.WriteAllBytes(_model, b.ToBytes());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Before_custom_ops_writes_the_builtin_part_and_says_what_was_dropped()
    {
        var cutPath = Path.Combine(_folder, "cut.tflite");
        var (exitCode, output, error) = Run("model", "cut", _model, "--before-custom-ops", "--out", cutPath);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Kept 2 of 3 operators; dropped PostProcess x1.", output, StringComparison.Ordinal);
        Assert.Contains("Inputs:  #0 'image' INT8 [1,4,4,2]", output, StringComparison.Ordinal);
        Assert.Contains("Outputs: #4 'conv' INT8 [1,4,4,3]", output, StringComparison.Ordinal);
        Assert.Contains($"Wrote {cutPath}", output, StringComparison.Ordinal);
        var cut = TfLiteModel.Load(cutPath);
        Assert.Equal(["RELU", "CONV_2D"], cut.MainGraph.Operators.Select(op => cut.GetOperatorCode(op).Name));
        Assert.Equal(["conv"], cut.MainGraph.OutputTensors.Select(t => t.Name));
    }

    [Fact]
    public void Outputs_are_taken_by_name_or_index_comma_separated_or_repeated_in_that_order()
    {
        var cutPath = Path.Combine(_folder, "cut.tflite");
        var (exitCode, _, error) = Run("model", "cut", _model, "--outputs", "conv,#1", "--outputs", "image", "--out", cutPath);

        Assert.True(exitCode == 0, error);
        var cut = TfLiteModel.Load(cutPath);
        Assert.Equal(["conv", "relu", "image"], cut.MainGraph.OutputTensors.Select(t => t.Name));
        Assert.DoesNotContain(cut.OperatorCodes, code => code.IsCustom);
    }

    [Fact]
    public void An_unknown_tensor_exits_2_naming_it_and_writes_nothing()
    {
        var cutPath = Path.Combine(_folder, "cut.tflite");
        var (exitCode, _, error) = Run("model", "cut", _model, "--outputs", "conv,nope", "--out", cutPath);

        Assert.Equal(2, exitCode);
        Assert.Contains("The model has no tensor named 'nope'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cutPath));
    }

    [Fact]
    public void Exactly_one_way_of_choosing_the_outputs_is_required()
    {
        var cutPath = Path.Combine(_folder, "cut.tflite");
        var neither = Run("model", "cut", _model, "--out", cutPath);
        var both = Run("model", "cut", _model, "--outputs", "conv", "--before-custom-ops", "--out", cutPath);

        Assert.Equal((2, 2), (neither.ExitCode, both.ExitCode));
        Assert.Contains("give either --outputs NAME[,NAME...] or --before-custom-ops", neither.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cutPath));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ModelInspectCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
