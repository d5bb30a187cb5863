using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>The libcrypto 3 entry points the scanner uses (memory BIOs, stacks, DER encoding, the error queue).</summary>
internal static unsafe partial class LibCrypto
{
    internal const string LibraryName = "libcrypto.so.3";

    internal const int BioCtrlPending = 10;
    internal const int CryptoExIndexSsl = 0;

    [LibraryImport(LibraryName)]
    internal static partial nint BIO_s_mem();

    [LibraryImport(LibraryName)]
    internal static partial nint BIO_new(nint method);

    [LibraryImport(LibraryName)]
    internal static partial int BIO_free(nint bio);

    [LibraryImport(LibraryName)]
    internal static partial int BIO_read(nint bio, byte* data, int length);

    [LibraryImport(LibraryName)]
    internal static partial int BIO_write(nint bio, byte* data, int length);

    [LibraryImport(LibraryName)]
    internal static partial nint BIO_ctrl(nint bio, int cmd, nint larg, nint parg);

    [LibraryImport(LibraryName)]
    internal static partial int OPENSSL_sk_num(nint stack);

    [LibraryImport(LibraryName)]
    internal static partial nint OPENSSL_sk_value(nint stack, int index);

    [LibraryImport(LibraryName)]
    internal static partial int i2d_X509(nint x509, byte** output);

    [LibraryImport(LibraryName)]
    internal static partial int i2d_X509_NAME(nint name, byte** output);

    [LibraryImport(LibraryName)]
    internal static partial int CRYPTO_get_ex_new_index(int classIndex, nint argl, nint argp, nint newFunc, nint dupFunc, nint freeFunc);

    [LibraryImport(LibraryName)]
    internal static partial nuint ERR_get_error();

    [LibraryImport(LibraryName)]
    internal static partial void ERR_clear_error();

    [LibraryImport(LibraryName)]
    internal static partial nint ERR_reason_error_string(nuint error);

    [LibraryImport(LibraryName)]
    internal static partial void ERR_error_string_n(nuint error, byte* buffer, nuint length);
}
