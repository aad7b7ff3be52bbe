using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.TfLite.Tests.Interpreter;

/// <summary><see cref="ManagedInterpreter.InvokeProfiled"/> computes what Invoke computes and charges every operator its time.</summary>
public sealed class ProfiledInvokeTests
{
    [Fact]
    public void Gives_the_outputs_of_Invoke_and_accumulates_time_per_operator()
    {
        var model = TfLiteModel.FromBytes(ReferenceModels.Recognizer(3).Model);
        using var plain = new ManagedInterpreter(model);
        using var profiled = new ManagedInterpreter(model);
        new Random(9).NextBytes(plain.GetInputBuffer(0));
        plain.GetInputBuffer(0).CopyTo(profiled.GetInputBuffer(0));
        var ticks = new long[profiled.OperatorCount];

        plain.Invoke();
        profiled.InvokeProfiled(ticks);
        var once = ticks.Sum();
        profiled.InvokeProfiled(ticks);

        Assert.Equal(model.MainGraph.Operators.Length, profiled.OperatorCount);
        Assert.Equal(plain.GetOutputBuffer(0).ToArray(), profiled.GetOutputBuffer(0).ToArray());
        Assert.True(once > 0, "the first run charged no time");
        Assert.True(ticks.Sum() > once, "the second run did not add to the profile");
        Assert.All(ticks, t => Assert.True(t >= 0));
    }

    [Fact]
    public void A_span_shorter_than_the_graph_is_refused_naming_both_counts()
    {
        var model = TfLiteModel.FromBytes(ReferenceModels.Recognizer(3).Model);
        using var interpreter = new ManagedInterpreter(model);

        var e = Assert.Throws<ArgumentException>(() => interpreter.InvokeProfiled(new long[interpreter.OperatorCount - 1]));

        Assert.Contains($"{interpreter.OperatorCount} operators", e.Message, StringComparison.Ordinal);
    }
}
