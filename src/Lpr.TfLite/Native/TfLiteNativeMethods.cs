using System.Runtime.InteropServices;

namespace Lpr.TfLite.Native;

/// <summary>TFLite C API (c_api.h of TFLite 2.2, also present in later releases).</summary>
internal static unsafe partial class TfLiteNativeMethods
{
    private const string Lib = NativeLibraries.TfLiteName;

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteVersion();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr TfLiteModelCreateFromFile(string modelPath);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteModelCreate(void* modelData, nuint modelSize);

    [LibraryImport(Lib)]
    public static partial void TfLiteModelDelete(IntPtr model);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteInterpreterOptionsCreate();

    [LibraryImport(Lib)]
    public static partial void TfLiteInterpreterOptionsDelete(IntPtr options);

    [LibraryImport(Lib)]
    public static partial void TfLiteInterpreterOptionsSetNumThreads(IntPtr options, int numThreads);

    [LibraryImport(Lib)]
    public static partial void TfLiteInterpreterOptionsAddDelegate(IntPtr options, IntPtr tfLiteDelegate);

    [LibraryImport(Lib)]
    public static partial void TfLiteInterpreterOptionsSetErrorReporter(
        IntPtr options,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> reporter,
        IntPtr userData);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteInterpreterCreate(IntPtr model, IntPtr optionalOptions);

    [LibraryImport(Lib)]
    public static partial void TfLiteInterpreterDelete(IntPtr interpreter);

    [LibraryImport(Lib)]
    public static partial int TfLiteInterpreterGetInputTensorCount(IntPtr interpreter);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteInterpreterGetInputTensor(IntPtr interpreter, int inputIndex);

    [LibraryImport(Lib)]
    public static partial int TfLiteInterpreterAllocateTensors(IntPtr interpreter);

    [LibraryImport(Lib)]
    public static partial int TfLiteInterpreterInvoke(IntPtr interpreter);

    [LibraryImport(Lib)]
    public static partial int TfLiteInterpreterGetOutputTensorCount(IntPtr interpreter);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteInterpreterGetOutputTensor(IntPtr interpreter, int outputIndex);

    [LibraryImport(Lib)]
    public static partial int TfLiteTensorType(IntPtr tensor);

    [LibraryImport(Lib)]
    public static partial int TfLiteTensorNumDims(IntPtr tensor);

    [LibraryImport(Lib)]
    public static partial int TfLiteTensorDim(IntPtr tensor, int dimIndex);

    [LibraryImport(Lib)]
    public static partial nuint TfLiteTensorByteSize(IntPtr tensor);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteTensorData(IntPtr tensor);

    [LibraryImport(Lib)]
    public static partial IntPtr TfLiteTensorName(IntPtr tensor);

    [LibraryImport(Lib)]
    public static partial NativeQuantizationParams TfLiteTensorQuantizationParams(IntPtr tensor);

    /// <summary>Per-tensor quantization as the C API returns it (struct of float scale and int32 zero point).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NativeQuantizationParams
    {
        public float Scale;
        public int ZeroPoint;
    }
}
