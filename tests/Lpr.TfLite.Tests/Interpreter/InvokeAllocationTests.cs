using Lpr.Testing;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.TfLite.Tests.Interpreter;

/// <summary>
/// The interpreter's promise to a camera pipeline that invokes it for every crop: after load, <see cref="ManagedInterpreter.Invoke"/>
/// allocates nothing managed, on every kernel path, for our shipped models and the conformance suite's MobileNet-style graph.
/// </summary>
public sealed class InvokeAllocationTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { "kr-plate-recognizer-int8.tflite", "kr-plate-detector-int8.tflite", "reference-recognizer" })
        {
            foreach (var path in new[] { "reference", "best", "portable" })
            {
                data.Add(model, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invoke_allocates_nothing_after_load(string model, string kernels)
    {
        var bytes = model == "reference-recognizer" ? ReferenceModels.Recognizer(42).Model : File.ReadAllBytes(Path.Combine(RepoPaths.Models, model));
        var options = kernels switch
        {
            "reference" => new ManagedInterpreterOptions { UseSimd = false },
            "portable" => new ManagedInterpreterOptions { SimdPath = SimdPath.Portable },
            _ => new ManagedInterpreterOptions(),
        };
        using var interpreter = new ManagedInterpreter(ModelReader.Read(bytes), options);
        new Random(3).NextBytes(interpreter.GetInputBuffer(0));
        interpreter.Invoke(); // the first call may touch lazily initialised runtime state (tiered JIT)
        interpreter.Invoke();

        // The least any of several calls allocated: a per-call allocation shows in every call, while the runtime may
        // allocate once on this thread at any time (tiered JIT promoting a method it just counted).
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            interpreter.Invoke();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }
}
