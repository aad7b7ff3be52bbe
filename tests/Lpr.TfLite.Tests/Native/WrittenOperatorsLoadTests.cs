using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;

namespace Lpr.TfLite.Tests.Native;

/// <summary>
/// The writer's promise to old runtimes: every operator of the list, written by ModelBuilder
/// with its lowest version, loads, prepares and runs in the genuine TFLite 2.2 C library.
/// </summary>
public class WrittenOperatorsLoadTests
{
    public WrittenOperatorsLoadTests() => NativeTestLibrary.Configure();

    public static TheoryData<string> Operators() =>
    [
        "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "ADD", "SUB", "MUL", "MEAN", "SUM", "REDUCE_MAX",
        "AVERAGE_POOL_2D", "MAX_POOL_2D", "PAD", "RESHAPE", "SQUEEZE", "EXPAND_DIMS", "CONCATENATION", "TRANSPOSE",
        "LOGISTIC", "TANH", "HARD_SWISH", "RELU", "RELU6", "SOFTMAX", "QUANTIZE", "DEQUANTIZE",
        "RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR", "SPLIT",
    ];

    [Theory]
    [MemberData(nameof(Operators))]
    public void Int8_single_operator_model_loads_and_runs_in_TFLite_2_2(string name)
    {
        var bytes = Build(name).ToBytes();
        using var engine = NativeInferenceEngine.FromBytes(bytes);
        new Random(name.Length).NextBytes(engine.GetInputBuffer(0));
        engine.Invoke();
        Assert.True(engine.GetOutputBuffer(0).Length > 0);
    }

    [Fact]
    public void Batch_matmul_is_newer_than_TFLite_2_2_and_is_reported_as_unsupported_by_name()
    {
        // TFLite 2.2 predates BATCH_MATMUL (builtin code 126): the failure must name the operator.
        var e = Assert.Throws<UnsupportedOperatorException>(() => NativeInferenceEngine.FromBytes(Build("BATCH_MATMUL").ToBytes()));
        Assert.Contains("BATCH_MATMUL is newer than this TFLite library", e.Message, StringComparison.Ordinal);
    }

    private static QuantizationParameters Q(float scale = 0.05f, long zero = 0) => QuantizationParameters.PerTensor(scale, zero);

    internal static ModelBuilder Build(string name)
    {
        Assert.True(BuiltinOperatorNames.TryParseSchemaName(name, out var op));
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 4, 6, 8], Q());
        int y;
        switch (op)
        {
            case BuiltinOperator.Conv2D:
                y = Tests.Format.SampleModels.AddConv(b, new Random(1), "conv", x, 0.05f, 8, 4, 3, 1, [1, 4, 6, 4], ActivationFunction.Relu, 0.1f, 0);
                break;
            case BuiltinOperator.DepthwiseConv2D:
                y = Tests.Format.SampleModels.AddDepthwise(b, new Random(1), "dw", x, 0.05f, 8, [1, 4, 6, 8], 0.1f, 0);
                break;
            case BuiltinOperator.FullyConnected:
            {
                var w = b.AddConstant<sbyte>("w", TensorType.Int8, [5, 192], Tests.Format.SampleModels.RandomInt8(new Random(2), 960), Q(0.01f));
                var bias = b.AddConstant<int>("b", TensorType.Int32, [5], [1, 2, 3, 4, 5], Q(0.0005f));
                y = b.AddTensor("y", TensorType.Int8, [1, 5], Q(0.2f));
                b.AddOperator(op, [x, w, bias], [y], new FullyConnectedOptions());
                break;
            }

            case BuiltinOperator.Add or BuiltinOperator.Sub or BuiltinOperator.Mul:
            {
                var other = b.AddConstant<sbyte>("c", TensorType.Int8, [1, 1, 1, 8], [1, 2, 3, 4, 5, 6, 7, 8], Q(0.03f, 1));
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(0.1f, -3));
                OperatorOptions options = op switch
                {
                    BuiltinOperator.Add => new AddOptions(ActivationFunction.Relu6),
                    BuiltinOperator.Sub => new SubOptions(),
                    _ => new MulOptions(),
                };
                b.AddOperator(op, [x, other], [y], options);
                break;
            }

            case BuiltinOperator.Mean or BuiltinOperator.Sum or BuiltinOperator.ReduceMax:
            {
                var axes = b.AddConstant<int>("axes", TensorType.Int32, [2], [1, 2]);
                y = b.AddTensor("y", TensorType.Int8, [1, 1, 1, 8], Q(op == BuiltinOperator.Sum ? 1f : 0.05f));
                b.AddOperator(op, [x, axes], [y], new ReducerOptions(KeepDims: true));
                break;
            }

            case BuiltinOperator.AveragePool2D or BuiltinOperator.MaxPool2D:
                y = b.AddTensor("y", TensorType.Int8, [1, 2, 3, 8], Q());
                b.AddOperator(op, [x], [y], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2));
                break;
            case BuiltinOperator.Pad:
            {
                var paddings = b.AddConstant<int>("paddings", TensorType.Int32, [4, 2], [0, 0, 1, 1, 2, 2, 0, 0]);
                y = b.AddTensor("y", TensorType.Int8, [1, 6, 10, 8], Q());
                b.AddOperator(op, [x, paddings], [y], new PadOptions());
                break;
            }

            case BuiltinOperator.Reshape:
            {
                var shape = b.AddConstant<int>("shape", TensorType.Int32, [2], [24, 8]);
                y = b.AddTensor("y", TensorType.Int8, [24, 8], Q());
                b.AddOperator(op, [x, shape], [y], new ReshapeOptions([24, 8]));
                break;
            }

            case BuiltinOperator.Squeeze:
                y = b.AddTensor("y", TensorType.Int8, [4, 6, 8], Q());
                b.AddOperator(op, [x], [y], new SqueezeOptions([0]));
                break;
            case BuiltinOperator.ExpandDims:
            {
                var axis = b.AddConstant<int>("axis", TensorType.Int32, [1], [0]);
                y = b.AddTensor("y", TensorType.Int8, [1, 1, 4, 6, 8], Q());
                b.AddOperator(op, [x, axis], [y], new ExpandDimsOptions());
                break;
            }

            case BuiltinOperator.Concatenation:
            {
                var x2 = b.AddTensor("x2", TensorType.Int8, [1, 4, 6, 8], Q());
                b.AddOperator(BuiltinOperator.Relu, [x], [x2]);
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 16], Q());
                b.AddOperator(op, [x, x2], [y], new ConcatenationOptions(3));
                break;
            }

            case BuiltinOperator.Split:
            {
                var axis = b.AddConstant<int>("axis", TensorType.Int32, [], [3]);
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 4], Q());
                var y2 = b.AddTensor("y2", TensorType.Int8, [1, 4, 6, 4], Q());
                b.AddOperator(op, [axis, x], [y, y2], new SplitOptions(2));
                b.SetInputs(x);
                b.SetOutputs(y, y2);
                return b;
            }

            case BuiltinOperator.Transpose:
            {
                var perm = b.AddConstant<int>("perm", TensorType.Int32, [4], [0, 2, 1, 3]);
                y = b.AddTensor("y", TensorType.Int8, [1, 6, 4, 8], Q());
                b.AddOperator(op, [x, perm], [y], new TransposeOptions());
                break;
            }

            case BuiltinOperator.Logistic:
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(1f / 256, -128));
                b.AddOperator(op, [x], [y]);
                break;
            case BuiltinOperator.Tanh:
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(1f / 128, 0));
                b.AddOperator(op, [x], [y]);
                break;
            case BuiltinOperator.Softmax:
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(1f / 256, -128));
                b.AddOperator(op, [x], [y], new SoftmaxOptions(1f));
                break;
            case BuiltinOperator.HardSwish or BuiltinOperator.Relu or BuiltinOperator.Relu6:
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(0.04f, -10));
                b.AddOperator(op, [x], [y]);
                break;
            case BuiltinOperator.Quantize:
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 8], Q(0.07f, 5)); // int8 → int8 requantize
                b.AddOperator(op, [x], [y]);
                break;
            case BuiltinOperator.Dequantize:
                y = b.AddTensor("y", TensorType.Float32, [1, 4, 6, 8]);
                b.AddOperator(op, [x], [y]);
                break;
            case BuiltinOperator.ResizeBilinear or BuiltinOperator.ResizeNearestNeighbor:
            {
                var size = b.AddConstant<int>("size", TensorType.Int32, [2], [8, 12]);
                y = b.AddTensor("y", TensorType.Int8, [1, 8, 12, 8], Q());
                b.AddOperator(op, [x, size], [y], op == BuiltinOperator.ResizeBilinear ? new ResizeBilinearOptions() : new ResizeNearestNeighborOptions());
                break;
            }

            case BuiltinOperator.BatchMatMul:
            {
                var rhs = b.AddConstant<sbyte>("rhs", TensorType.Int8, [1, 4, 8, 3], Tests.Format.SampleModels.RandomInt8(new Random(3), 96), Q(0.02f));
                y = b.AddTensor("y", TensorType.Int8, [1, 4, 6, 3], Q(0.3f));
                b.AddOperator(op, [x, rhs], [y], new BatchMatMulOptions());
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no sample for this operator");
        }

        b.SetInputs(x);
        b.SetOutputs(y);
        return b;
    }
}
