using System.Runtime.InteropServices;

namespace Lpr.TfLite.Native;

/// <summary>A TfLiteModel*, plus the native copy of the model bytes it reads from (when created from memory).</summary>
internal sealed class TfLiteModelHandle : SafeHandle
{
    private IntPtr _modelBytes;

    public TfLiteModelHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static TfLiteModelHandle FromFile(string path)
    {
        var model = new TfLiteModelHandle();
        model.SetHandle(TfLiteNativeMethods.TfLiteModelCreateFromFile(path));
        return model;
    }

    public static unsafe TfLiteModelHandle FromBytes(ReadOnlySpan<byte> bytes)
    {
        // The C API keeps reading the bytes for the model's lifetime, so they live in native memory owned here.
        var copy = (IntPtr)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes.Length, 1), 16);
        bytes.CopyTo(new Span<byte>((void*)copy, bytes.Length));
        var model = new TfLiteModelHandle { _modelBytes = copy };
        model.SetHandle(TfLiteNativeMethods.TfLiteModelCreate((void*)copy, (nuint)bytes.Length));
        return model;
    }

    protected override unsafe bool ReleaseHandle()
    {
        if (handle != IntPtr.Zero)
        {
            TfLiteNativeMethods.TfLiteModelDelete(handle);
        }

        if (_modelBytes != IntPtr.Zero)
        {
            NativeMemory.AlignedFree((void*)_modelBytes);
            _modelBytes = IntPtr.Zero;
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        // A handle that never became valid (creation failed) is not "released" by SafeHandle; free the copy anyway.
        if (IsInvalid && _modelBytes != IntPtr.Zero)
        {
            unsafe
            {
                NativeMemory.AlignedFree((void*)_modelBytes);
            }

            _modelBytes = IntPtr.Zero;
        }
    }
}

/// <summary>A TfLiteInterpreterOptions*.</summary>
internal sealed class TfLiteInterpreterOptionsHandle : SafeHandle
{
    public TfLiteInterpreterOptionsHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(TfLiteNativeMethods.TfLiteInterpreterOptionsCreate());
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        TfLiteNativeMethods.TfLiteInterpreterOptionsDelete(handle);
        return true;
    }
}

/// <summary>
/// A TfLiteInterpreter*. It holds a reference on every handle it depends on (model, delegates), so
/// they cannot be released before it, whatever order finalizers run in.
/// </summary>
internal sealed class TfLiteInterpreterHandle : SafeHandle
{
    private readonly List<SafeHandle> _dependencies = [];

    public TfLiteInterpreterHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static TfLiteInterpreterHandle Create(TfLiteModelHandle model, TfLiteInterpreterOptionsHandle options, IEnumerable<SafeHandle> keepAlive)
    {
        var interpreter = new TfLiteInterpreterHandle();
        foreach (var dependency in keepAlive.Prepend(model))
        {
            var added = false;
            dependency.DangerousAddRef(ref added);
            if (added)
            {
                interpreter._dependencies.Add(dependency);
            }
        }

        interpreter.SetHandle(TfLiteNativeMethods.TfLiteInterpreterCreate(model.DangerousGetHandle(), options.DangerousGetHandle()));
        return interpreter;
    }

    protected override bool ReleaseHandle()
    {
        if (handle != IntPtr.Zero)
        {
            TfLiteNativeMethods.TfLiteInterpreterDelete(handle);
        }

        ReleaseDependencies();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            ReleaseDependencies();
        }
    }

    private void ReleaseDependencies()
    {
        foreach (var dependency in _dependencies)
        {
            dependency.DangerousRelease();
        }

        _dependencies.Clear();
    }
}
