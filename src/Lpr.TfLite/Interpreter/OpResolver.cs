using System.Collections.Frozen;
using Lpr.TfLite.Format;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Interpreter;

/// <summary>
/// The operators the managed interpreter implements and the Prepare function of each. Anything else
/// (including every custom op) is refused at load with <see cref="UnsupportedOperatorException"/>.
/// </summary>
internal static class OpResolver
{
    private static readonly FrozenDictionary<BuiltinOperator, Func<KernelContext, KernelVariant, OpKernel>> Kernels =
        new Dictionary<BuiltinOperator, Func<KernelContext, KernelVariant, OpKernel>>
        {
            [BuiltinOperator.Add] = Add.PrepareAdd,
            [BuiltinOperator.AveragePool2D] = AveragePool2D.Prepare,
            [BuiltinOperator.BatchMatMul] = BatchMatMul.Prepare,
            [BuiltinOperator.Concatenation] = Concatenation.Prepare,
            [BuiltinOperator.Conv2D] = Conv2D.Prepare,
            [BuiltinOperator.DepthwiseConv2D] = DepthwiseConv2D.Prepare,
            [BuiltinOperator.Dequantize] = Dequantize.Prepare,
            [BuiltinOperator.ExpandDims] = Reshape.Prepare,
            [BuiltinOperator.FullyConnected] = FullyConnected.Prepare,
            [BuiltinOperator.HardSwish] = HardSwish.Prepare,
            [BuiltinOperator.Logistic] = Logistic.Prepare,
            [BuiltinOperator.MaxPool2D] = MaxPool2D.Prepare,
            [BuiltinOperator.Mean] = Mean.Prepare,
            [BuiltinOperator.Mul] = Mul.Prepare,
            [BuiltinOperator.Pad] = Pad.PreparePad,
            [BuiltinOperator.PadV2] = Pad.PreparePadV2,
            [BuiltinOperator.Quantize] = Quantize.Prepare,
            [BuiltinOperator.ReduceMax] = ReduceMax.Prepare,
            [BuiltinOperator.Relu] = Relu.PrepareRelu,
            [BuiltinOperator.Relu6] = Relu.PrepareRelu6,
            [BuiltinOperator.ReluN1To1] = Relu.PrepareReluN1To1,
            [BuiltinOperator.Reshape] = Reshape.Prepare,
            [BuiltinOperator.ResizeBilinear] = ResizeBilinear.Prepare,
            [BuiltinOperator.ResizeNearestNeighbor] = ResizeNearestNeighbor.Prepare,
            [BuiltinOperator.Softmax] = Softmax.Prepare,
            [BuiltinOperator.Split] = Split.Prepare,
            [BuiltinOperator.Squeeze] = Reshape.Prepare,
            [BuiltinOperator.Sub] = Add.PrepareSub,
            [BuiltinOperator.Sum] = Sum.Prepare,
            [BuiltinOperator.Tanh] = Tanh.Prepare,
            [BuiltinOperator.Transpose] = Transpose.Prepare,
        }.ToFrozenDictionary();

    /// <summary>The builtin operators this runtime can run (for reports such as `lpr model inspect`).</summary>
    public static IReadOnlyCollection<BuiltinOperator> SupportedOperators => Kernels.Keys;

    public static bool IsSupported(BuiltinOperator op) => Kernels.ContainsKey(op);

    /// <summary>Prepares the kernel of one operator, or fails naming it.</summary>
    public static OpKernel Prepare(KernelContext context, KernelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Code.IsCustom)
        {
            throw new UnsupportedOperatorException(context.OpName, context.Operator.Index, "custom operators are not implemented by the managed interpreter");
        }

        if (!Kernels.TryGetValue(context.Code.Builtin, out var prepare))
        {
            throw new UnsupportedOperatorException(context.OpName, context.Operator.Index, "not implemented by the managed interpreter");
        }

        try
        {
            return prepare(context, variant);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName is "realMultiplier" or "activation")
        {
            // QuantizedMath refuses values read from the model that it cannot represent: a scale ratio that is
            // infinite, NaN or out of the expected range (a model error), or a fused activation other than
            // ReLU/ReLU6/ReLU_N1_TO_1 (one TFLite's integer kernels do not implement either).
            throw e.ParamName == "activation"
                ? context.Unsupported($"fused activation {e.ActualValue}")
                : context.Invalid($"its quantization scales give a multiplier of {e.ActualValue}, which cannot be quantized");
        }
    }
}
