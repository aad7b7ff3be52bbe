using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Lpr.TfLite.Native;

/// <summary>
/// Collects the messages the TFLite C library reports (unknown op versions, failed Prepare, ...) so
/// they end up in our exceptions instead of on stderr. The C callback receives a printf format and a
/// va_list; on the 64-bit Linux ABIs we target (x86-64, AArch64) a va_list parameter arrives as a
/// pointer, which libc's vsnprintf formats.
/// </summary>
internal sealed unsafe partial class NativeErrorReporter : IDisposable
{
    private const int MaxMessages = 32;
    private readonly List<string> _messages = [];
    private GCHandle _self;

    public NativeErrorReporter()
    {
        _self = GCHandle.Alloc(this);
    }

    public IntPtr UserData => GCHandle.ToIntPtr(_self);

    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, void> Callback => &Report;

    /// <summary>The messages reported since the last <see cref="Clear"/>, joined.</summary>
    public string Text
    {
        get
        {
            lock (_messages)
            {
                return string.Join(" ", _messages);
            }
        }
    }

    public void Clear()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Report(IntPtr userData, IntPtr format, IntPtr args)
    {
        try
        {
            if (userData == IntPtr.Zero || GCHandle.FromIntPtr(userData).Target is not NativeErrorReporter reporter)
            {
                return;
            }

            var message = Format(format, args);
            lock (reporter._messages)
            {
                if (reporter._messages.Count < MaxMessages)
                {
                    reporter._messages.Add(message);
                }
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string Format(IntPtr format, IntPtr args)
    {
        var raw = Marshal.PtrToStringUTF8(format) ?? string.Empty;
        if (!OperatingSystem.IsLinux() || !(Environment.Is64BitProcess))
        {
            return raw.Trim();
        }

        try
        {
            Span<byte> buffer = stackalloc byte[1024];
            fixed (byte* p = buffer)
            {
                var written = VsnPrintf(p, (nuint)buffer.Length, format, args);
                return written < 0 ? raw.Trim() : Encoding.UTF8.GetString(buffer[..Math.Min(written, buffer.Length - 1)]).Trim();
            }
        }
        catch (DllNotFoundException)
        {
            return raw.Trim();
        }
        catch (EntryPointNotFoundException)
        {
            return raw.Trim();
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "vsnprintf")]
    private static partial int VsnPrintf(byte* buffer, nuint size, IntPtr format, IntPtr args);
}
