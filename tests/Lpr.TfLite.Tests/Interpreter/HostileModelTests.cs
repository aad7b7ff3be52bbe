using System.Collections.Immutable;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Format;

namespace Lpr.TfLite.Tests.Interpreter;

/// <summary>
/// A small file can declare tensors of any size and options of any value. Loading it into the managed
/// interpreter must fail with a <see cref="ModelFormatException"/> naming the tensor (index and name) or the
/// operator and the sizes, before anything that large is allocated; never an OverflowException, an
/// IndexOutOfRangeException at Invoke, or gigabytes of memory.
/// </summary>
public sealed class HostileModelTests
{
    /// <summary>What a refusal may allocate (model objects, messages): far below any tensor it refuses.</summary>
    private const long RefusalAllocationLimit = 4 << 20;

    private static readonly QuantizationParameters Q = QuantizationParameters.PerTensor(0.05f, 0);

    [Fact]
    public void A_hand_written_model_declaring_1x65536x65536x4_int8_is_a_clear_format_error_without_allocating()
    {
        var bytes = HandMadeModels.PassThrough("frame", TensorType.Int8, [1, 65536, 65536, 4]);
        Assert.True(bytes.Length < 512, $"the file is {bytes.Length} bytes");

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(ModelReader.Read(bytes)));
        Assert.Contains("tensor 0 ('frame')", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1,65536,65536,4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interpreter_validates_a_model_that_did_not_come_through_the_reader()
    {
        // The public TfLiteModel constructor skips validation; the interpreter must not trust it.
        var tensor = new TensorInfo(0, "frame", TensorType.Int8, [1, 65536, 65536, 4]);
        var graph = new SubGraph([tensor], [0], [0], [], "main");
        var model = new TfLiteModel([], [graph], [ReadOnlyMemory<byte>.Empty]);

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(model));
        Assert.Contains("'frame'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_above_the_memory_budget_is_refused_naming_it_and_the_sizes()
    {
        // 1 GiB of int8: within the format's 2^31 - 1 elements, so the reader accepts it.
        var model = ModelReader.Read(HandMadeModels.PassThrough("frame", TensorType.Int8, [1, 32768, 32768, 1]));

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(model));
        Assert.Contains("Tensor #0 'frame' INT8[1x32768x32768x1] needs 1073741824 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains($"memory budget of {ManagedInterpreterOptions.DefaultMaxArenaBytes} bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxArenaBytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_of_more_bytes_than_an_array_holds_is_a_format_error_not_an_overflow()
    {
        // 2^30 int32 elements = 4 GiB: KernelTensor's byte length used to be a checked int cast.
        var model = ModelReader.Read(HandMadeModels.PassThrough("wide", TensorType.Int32, [1, 1 << 30]));

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = Array.MaxLength }));
        Assert.Contains("Tensor #0 'wide' INT32[1x1073741824] needs 4294967296 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activations_that_fit_one_by_one_but_not_together_are_refused_naming_the_arena()
    {
        // x (a graph input, live throughout), a and b are live together at the second RELU: 3 x 400 kB > 1 MiB.
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [1, 400_000], Q);
        var a = builder.AddTensor("a", TensorType.Int8, [1, 400_000], Q);
        var b = builder.AddTensor("b", TensorType.Int8, [1, 400_000], Q);
        builder.AddOperator(BuiltinOperator.Relu, [x], [a]);
        builder.AddOperator(BuiltinOperator.Relu, [a], [b]);
        builder.SetInputs(x);
        builder.SetOutputs(b);
        var model = builder.Build();

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = 1 << 20 }));
        Assert.Contains("need an arena of 1200", e.Message, StringComparison.Ordinal);
        Assert.Contains("memory budget of 1048576 bytes", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"the tensor placed highest is #\d '[xab]' INT8\[1x400000\], 400000 bytes at offset \d+", e.Message);

        using var fits = new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = 2 << 20 });
        Assert.True(fits.ArenaSize >= 1_200_000);
    }

    [Fact]
    public void Operator_scratch_is_charged_to_the_same_budget_and_refused_naming_the_operator()
    {
        // The arena holds 2 x 300 kB; TRANSPOSE's gather map needs 4 bytes per element (1.2 MB) on top.
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [1000, 300], Q);
        var perm = builder.AddConstant<int>("perm", TensorType.Int32, [2], [1, 0]);
        var y = builder.AddTensor("y", TensorType.Int8, [300, 1000], Q);
        builder.AddOperator(BuiltinOperator.Transpose, [x, perm], [y], new TransposeOptions());
        builder.SetInputs(x);
        builder.SetOutputs(y);
        var model = builder.Build();

        var e = AssertRefusedCheaply(() => new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = 1 << 20 }));
        Assert.StartsWith("Operator 0 (TRANSPOSE): its gather index map needs 300000 x 4 bytes", e.Message, StringComparison.Ordinal);

        using var fits = new ManagedInterpreter(model);
        fits.Invoke();
    }

    [Fact]
    public void The_budget_must_be_positive_and_fit_an_array()
    {
        var model = SampleModels.SmallCtcRecognizer().Build();
        Assert.Contains("MaxArenaBytes", Assert.Throws<ArgumentException>(() => new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxArenaBytes", Assert.Throws<ArgumentException>(() => new EngineOptions { MaxArenaBytes = -1 }.Validate()).Message, StringComparison.Ordinal);
        using var interpreter = new ManagedInterpreter(model, new ManagedInterpreterOptions { MaxArenaBytes = 64 << 10 });
        Assert.True(interpreter.ArenaSize <= 64 << 10);
    }

    [Fact]
    public void The_factory_passes_the_engine_budget_to_the_managed_interpreter()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lpr-budget-{Guid.NewGuid():N}.tflite");
        File.WriteAllBytes(path, SampleModels.SmallCtcRecognizer().ToBytes());
        try
        {
            var e = Assert.Throws<ModelFormatException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Managed, MaxArenaBytes = 1024 }));
            Assert.Contains("memory budget of 1024 bytes", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void More_activations_than_the_planner_takes_are_refused_before_planning()
    {
        // Planning is quadratic; a small file of very many tiny operators must not stall the load.
        var builder = new ModelBuilder();
        var previous = builder.AddTensor("x", TensorType.Int8, [1], Q);
        builder.SetInputs(previous);
        for (var i = 0; i < ManagedInterpreter.MaxActivationTensors; i++)
        {
            var next = builder.AddTensor($"t{i}", TensorType.Int8, [1], Q);
            builder.AddOperator(BuiltinOperator.Relu, [previous], [next]);
            previous = next;
        }

        builder.SetOutputs(previous);
        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains($"{ManagedInterpreter.MaxActivationTensors + 1} activation tensors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_point_outside_int32_is_a_format_error_not_an_overflow()
    {
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [1, 4], QuantizationParameters.PerTensor(0.5f, 1L << 40));
        var y = builder.AddTensor("y", TensorType.Int8, [1, 4], Q);
        builder.AddOperator(BuiltinOperator.Relu, [x], [y]);
        builder.SetInputs(x);
        builder.SetOutputs(y);

        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains("Tensor #0 'x' has zero point 1099511627776", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_int64_operand_outside_int32_is_a_format_error_not_an_overflow()
    {
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [2, 3], Q);
        var perm = builder.AddConstant<long>("perm", TensorType.Int64, [2], [1, 1L << 40]);
        var y = builder.AddTensor("y", TensorType.Int8, [3, 2], Q);
        builder.AddOperator(BuiltinOperator.Transpose, [x, perm], [y], new TransposeOptions());
        builder.SetInputs(x);
        builder.SetOutputs(y);

        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains("perm", e.Message, StringComparison.Ordinal);
        Assert.Contains("outside the int32 range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paddings_whose_sum_wraps_around_are_refused_instead_of_failing_at_invoke()
    {
        // 4 + 2 x (2^31 - 1) wraps to 2 in int32, which would match the declared output.
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [1, 1, 1, 4], Q);
        var paddings = builder.AddConstant<int>("paddings", TensorType.Int32, [4, 2], [0, 0, 0, 0, 0, 0, int.MaxValue, int.MaxValue]);
        var y = builder.AddTensor("y", TensorType.Int8, [1, 1, 1, 2], Q);
        builder.AddOperator(BuiltinOperator.Pad, [x, paddings], [y], new PadOptions());
        builder.SetInputs(x);
        builder.SetOutputs(y);

        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains("Operator 0 (PAD)", e.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 2147483647", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pooling_window_spanning_more_than_int32_pixels_is_refused()
    {
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [1, 4, 4, 1], Q);
        var y = builder.AddTensor("y", TensorType.Int8, [1, 4, 4, 1], Q);
        builder.AddOperator(BuiltinOperator.AveragePool2D, [x], [y], new Pool2DOptions(Padding.Same, 1, 1, int.MaxValue, 2));
        builder.SetInputs(x);
        builder.SetOutputs(y);

        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains("Operator 0 (AVERAGE_POOL_2D): a width window of 2147483647 taps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_batch_broadcast_against_one_stays_empty()
    {
        // BATCH_MATMUL took max(0, 1) = 1 as the broadcast batch and then read the empty operand.
        var builder = new ModelBuilder();
        var x = builder.AddTensor("x", TensorType.Int8, [0, 2, 3], Q);
        var rhs = builder.AddConstant<sbyte>("rhs", TensorType.Int8, [1, 3, 2], [1, 2, 3, 4, 5, 6], Q);
        var y = builder.AddTensor("y", TensorType.Int8, [1, 2, 2], QuantizationParameters.PerTensor(0.3f, 0));
        builder.AddOperator(BuiltinOperator.BatchMatMul, [x, rhs], [y], new BatchMatMulOptions());
        builder.SetInputs(x);
        builder.SetOutputs(y);

        var e = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(builder.Build()));
        Assert.Contains("the operator produces [0,2,2]", e.Message, StringComparison.Ordinal);
    }

    private static ModelFormatException AssertRefusedCheaply(Func<ManagedInterpreter> load)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ModelFormatException>(() => load().Dispose());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < RefusalAllocationLimit, $"refusing the model allocated {allocated} bytes");
        return e;
    }
}
