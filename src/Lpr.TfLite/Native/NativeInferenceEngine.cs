using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using static Lpr.TfLite.Native.TfLiteNativeMethods;

namespace Lpr.TfLite.Native;

/// <summary>
/// Runs a model with the TFLite C library (optionally with a delegate such as the Edge TPU's).
/// Tensor buffers are the interpreter's own memory, allocated once at construction. Not thread-safe:
/// one engine per thread.
/// </summary>
public sealed partial class NativeInferenceEngine : IInferenceEngine
{
    private readonly TfLiteModelHandle _model;
    private readonly TfLiteInterpreterOptionsHandle _options;
    private readonly TfLiteInterpreterHandle _interpreter;
    private readonly NativeErrorReporter _errors;
    private readonly SafeHandle? _delegate;
    private readonly IntPtr[] _inputTensors;
    private readonly IntPtr[] _outputTensors;
    private bool _disposed;

    private NativeInferenceEngine(
        TfLiteModelHandle model,
        TfLiteModel? parsed,
        int threads,
        SafeHandle? tfLiteDelegate,
        string backendName,
        string source)
    {
        BackendName = backendName;
        _model = model;
        _delegate = tfLiteDelegate;
        _errors = new NativeErrorReporter();
        _options = new TfLiteInterpreterOptionsHandle();
        try
        {
            unsafe
            {
                TfLiteInterpreterOptionsSetErrorReporter(_options.DangerousGetHandle(), NativeErrorReporter.Callback, _errors.UserData);
            }

            TfLiteInterpreterOptionsSetNumThreads(_options.DangerousGetHandle(), threads);
            if (tfLiteDelegate is not null)
            {
                TfLiteInterpreterOptionsAddDelegate(_options.DangerousGetHandle(), tfLiteDelegate.DangerousGetHandle());
            }

            _interpreter = TfLiteInterpreterHandle.Create(model, _options, tfLiteDelegate is null ? [] : [tfLiteDelegate]);
            if (_interpreter.IsInvalid)
            {
                throw Failure(source, "the TFLite C library cannot build an interpreter for this model");
            }

            if (TfLiteInterpreterAllocateTensors(_interpreter.DangerousGetHandle()) != 0)
            {
                throw Failure(source, "tensor allocation failed");
            }

            var handle = _interpreter.DangerousGetHandle();
            _inputTensors = new IntPtr[TfLiteInterpreterGetInputTensorCount(handle)];
            for (var i = 0; i < _inputTensors.Length; i++)
            {
                _inputTensors[i] = TfLiteInterpreterGetInputTensor(handle, i);
            }

            _outputTensors = new IntPtr[TfLiteInterpreterGetOutputTensorCount(handle)];
            for (var i = 0; i < _outputTensors.Length; i++)
            {
                _outputTensors[i] = TfLiteInterpreterGetOutputTensor(handle, i);
            }

            Inputs = Describe(_inputTensors, parsed?.MainGraph.InputTensors);
            Outputs = Describe(_outputTensors, parsed?.MainGraph.OutputTensors);
        }
        catch
        {
            _interpreter?.Dispose();
            _options.Dispose();
            _errors.Dispose();
            throw;
        }
    }

    public string BackendName { get; }

    /// <summary>"native (TFLite 2.2.0)" or "edgetpu (TFLite 2.2.0)", with the reason when auto passed over the Edge TPU.</summary>
    public string Description
    {
        get
        {
            var name = $"{BackendName} (TFLite {LibraryVersion})";
            return FallbackReason is null ? name : $"{name} (auto fallback: {FallbackReason})";
        }
    }

    /// <summary>Why <see cref="InferenceBackend.Auto"/> chose this engine over the Edge TPU, or null.</summary>
    public string? FallbackReason { get; internal set; }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The TFLite C library's version string (e.g. "2.2.0").</summary>
    public static string LibraryVersion
    {
        get
        {
            NativeLibraries.EnsureTfLite();
            return Marshal.PtrToStringUTF8(TfLiteVersion()) ?? "unknown";
        }
    }

    /// <summary>Loads the model file with the TFLite C library.</summary>
    public static NativeInferenceEngine FromFile(string modelPath, int threads = 1) =>
        FromFile(modelPath, threads, null, "native");

    /// <summary>Loads a model held in memory with the TFLite C library (the bytes are copied).</summary>
    public static NativeInferenceEngine FromBytes(ReadOnlyMemory<byte> model, int threads = 1)
    {
        NativeLibraries.EnsureTfLite();
        var parsed = TryParse(model);
        var handle = TfLiteModelHandle.FromBytes(model.Span);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelFormatException("The TFLite C library rejects the model bytes (see its log on stderr).");
        }

        return Construct(handle, parsed, threads, null, "native", "<memory>");
    }

    internal static NativeInferenceEngine FromFile(string modelPath, int threads, SafeHandle? tfLiteDelegate, string backendName)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Model file not found: {modelPath}", modelPath);
        }

        NativeLibraries.EnsureTfLite();
        var parsed = TryParse(File.ReadAllBytes(modelPath));
        var handle = TfLiteModelHandle.FromFile(modelPath);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelFormatException($"{modelPath}: the TFLite C library cannot load this file (see its log on stderr).");
        }

        return Construct(handle, parsed, threads, tfLiteDelegate, backendName, modelPath);
    }

    public Span<byte> GetInputBuffer(int index) => TensorSpan(_inputTensors, index, "input");

    public ReadOnlySpan<byte> GetOutputBuffer(int index) => TensorSpan(_outputTensors, index, "output");

    public void Invoke()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (TfLiteInterpreterInvoke(_interpreter.DangerousGetHandle()) != 0)
        {
            var text = _errors.Text;
            _errors.Clear();
            throw new InvalidOperationException($"The TFLite C library failed to run the model{(text.Length > 0 ? ": " + text : ".")}");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Interpreter first: it references the options' delegate and the model.
        _interpreter.Dispose();
        _options.Dispose();
        _delegate?.Dispose();
        _model.Dispose();
        _errors.Dispose();
    }

    private static NativeInferenceEngine Construct(TfLiteModelHandle handle, TfLiteModel? parsed, int threads, SafeHandle? tfLiteDelegate, string backendName, string source)
    {
        try
        {
            return new NativeInferenceEngine(handle, parsed, Math.Max(1, threads), tfLiteDelegate, backendName, source);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static TfLiteModel? TryParse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return ModelReader.Read(bytes);
        }
        catch (ModelFormatException)
        {
            return null; // the C library has the last word; tensor facts then come from its API
        }
        catch (UnsupportedOperatorException)
        {
            return null;
        }
    }

    private Exception Failure(string source, string what)
    {
        var text = _errors.Text;

        // Old libraries know builtin codes only up to their release: name the operator they cannot.
        var outOfRange = OutOfRangeCode().Match(text);
        if (outOfRange.Success && int.TryParse(outOfRange.Groups[1].ValueSpan, out var code))
        {
            text += $" (operator {((BuiltinOperator)code).ToSchemaName()} is newer than this TFLite library)";
        }

        var unsupported = outOfRange.Success
            || text.Contains("Didn't find op", StringComparison.Ordinal)
            || text.Contains("Registration failed", StringComparison.Ordinal);
        return unsupported
            ? new UnsupportedOperatorException($"{source}: {what}: {text}")
            : new ModelFormatException($"{source}: {what}{(text.Length > 0 ? ": " + text : ".")}");
    }

    [GeneratedRegex(@"builtin_code out of range: (\d+)")]
    private static partial Regex OutOfRangeCode();

    private unsafe Span<byte> TensorSpan(IntPtr[] tensors, int index, string kind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)index >= (uint)tensors.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The model has {tensors.Length} {kind}s.");
        }

        var tensor = tensors[index];
        return new Span<byte>((void*)TfLiteTensorData(tensor), checked((int)TfLiteTensorByteSize(tensor)));
    }

    private static ImmutableArray<TensorInfo> Describe(IntPtr[] tensors, IReadOnlyList<TensorInfo>? parsed)
    {
        var result = ImmutableArray.CreateBuilder<TensorInfo>(tensors.Length);
        for (var i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            var shape = new int[TfLiteTensorNumDims(t)];
            for (var d = 0; d < shape.Length; d++)
            {
                shape[d] = TfLiteTensorDim(t, d);
            }

            var type = NativeTensorTypes.ToTensorType(TfLiteTensorType(t));
            var name = Marshal.PtrToStringUTF8(TfLiteTensorName(t)) ?? string.Empty;
            if (parsed is not null && i < parsed.Count && parsed[i].Type == type && parsed[i].Shape.AsSpan().SequenceEqual(shape))
            {
                result.Add(parsed[i]); // carries per-channel quantization, which the C API of 2.2 does not expose
                continue;
            }

            var q = TfLiteTensorQuantizationParams(t);
            var quantization = q.Scale != 0 ? QuantizationParameters.PerTensor(q.Scale, q.ZeroPoint) : null;
            result.Add(new TensorInfo(i, name, type, [.. shape], quantization: quantization));
        }

        return result.MoveToImmutable();
    }
}
