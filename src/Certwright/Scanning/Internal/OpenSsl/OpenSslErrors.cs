using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>
/// Reads OpenSSL's thread-local error queue. It must be read on the thread that made the failing call, right
/// after it (no await in between), and drained so the next call on that thread starts clean.
/// </summary>
internal static unsafe class OpenSslErrors
{
    /// <summary>The reason of the first (root-cause) queued error, or null when the queue is empty.</summary>
    public static string? Drain()
    {
        string? first = null;
        nuint error;
        var guard = 0;
        while ((error = LibCrypto.ERR_get_error()) != 0 && guard++ < 64)
        {
            first ??= Describe(error);
        }

        return first;
    }

    private static string Describe(nuint error)
    {
        var reason = LibCrypto.ERR_reason_error_string(error);
        if (reason != 0)
        {
            return Marshal.PtrToStringUTF8(reason) ?? "unknown error";
        }

        var buffer = stackalloc byte[256];
        LibCrypto.ERR_error_string_n(error, buffer, 256);
        return Marshal.PtrToStringUTF8((nint)buffer) ?? "unknown error";
    }
}
