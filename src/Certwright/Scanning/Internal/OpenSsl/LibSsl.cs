using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>
/// The libssl 3 entry points the scanner uses. C <c>long</c> is mapped to <see cref="nint"/>: this engine is for
/// LP64 Linux, where both are 64 bits. Constants come from OpenSSL 3.0's ssl.h and tls1.h.
/// </summary>
internal static unsafe partial class LibSsl
{
    internal const string LibraryName = "libssl.so.3";

    internal const int SslCtrlMode = 33;
    internal const int SslCtrlSetTlsExtHostName = 55;
    internal const int SslCtrlSetTlsExtStatusReqType = 65;
    internal const int SslCtrlGetTlsExtStatusReqOcspResp = 70;
    internal const int SslCtrlSetMinProtoVersion = 123;
    internal const int SslCtrlGetNegotiatedGroup = 134;
    internal const int TlsExtNameTypeHostName = 0;
    internal const int TlsExtStatusTypeOcsp = 1;
    internal const int SslVerifyNone = 0;

    internal const int SslErrorNone = 0;
    internal const int SslErrorSsl = 1;
    internal const int SslErrorWantRead = 2;
    internal const int SslErrorWantWrite = 3;
    internal const int SslErrorSyscall = 5;
    internal const int SslErrorZeroReturn = 6;

    /// <summary>SSL_OP_ALL: OpenSSL's "rather harmless" interoperability workarounds (ClientHello padding among them).</summary>
    internal const ulong SslOpAll = (1UL << 31) | (1UL << 11) | (1UL << 4) | (1UL << 6);
    internal const ulong SslOpLegacyServerConnect = 1UL << 2;
    internal const ulong SslOpNoTicket = 1UL << 14;
    internal const ulong SslOpNoCompression = 1UL << 17;

    internal const nint SslModeReleaseBuffers = 0x10;

    [LibraryImport(LibraryName)]
    internal static partial nint TLS_client_method();

    [LibraryImport(LibraryName)]
    internal static partial SafeSslContextHandle SSL_CTX_new(nint method);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_CTX_free(nint ctx);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_CTX_ctrl(SafeSslContextHandle ctx, int cmd, nint larg, nint parg);

    [LibraryImport(LibraryName)]
    internal static partial ulong SSL_CTX_set_options(SafeSslContextHandle ctx, ulong options);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SSL_CTX_set_cipher_list(SafeSslContextHandle ctx, string list);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SSL_CTX_set_ciphersuites(SafeSslContextHandle ctx, string list);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_CTX_set_security_level(SafeSslContextHandle ctx, int level);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_CTX_set_verify(SafeSslContextHandle ctx, int mode, nint callback);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_CTX_set_client_cert_cb(SafeSslContextHandle ctx, delegate* unmanaged[Cdecl]<nint, nint*, nint*, int> callback);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_CTX_set_cert_verify_callback(SafeSslContextHandle ctx, delegate* unmanaged[Cdecl]<nint, nint, int> callback, nint argument);

    [LibraryImport(LibraryName)]
    internal static partial SafeSslHandle SSL_new(SafeSslContextHandle ctx);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_free(nint ssl);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_set_bio(SafeSslHandle ssl, nint readBio, nint writeBio);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_set_connect_state(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial int SSL_do_handshake(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial int SSL_shutdown(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial int SSL_get_error(SafeSslHandle ssl, int ret);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_ctrl(SafeSslHandle ssl, int cmd, nint larg, nint parg);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_ctrl(SafeSslHandle ssl, int cmd, nint larg, byte* parg);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_get_version(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_get_current_cipher(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_CIPHER_standard_name(nint cipher);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_CIPHER_get_name(nint cipher);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_group_to_name(SafeSslHandle ssl, int id);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_get_peer_cert_chain(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_get0_peer_CA_list(SafeSslHandle ssl);

    [LibraryImport(LibraryName)]
    internal static partial void SSL_get0_alpn_selected(SafeSslHandle ssl, byte** data, uint* length);

    [LibraryImport(LibraryName)]
    internal static partial int SSL_set_alpn_protos(SafeSslHandle ssl, byte* protos, uint length);

    /// <summary>Raw-pointer form: called from the client-certificate callback, where only the pointer exists.</summary>
    [LibraryImport(LibraryName)]
    internal static partial int SSL_set_ex_data(nint ssl, int index, nint data);

    [LibraryImport(LibraryName)]
    internal static partial nint SSL_get_ex_data(SafeSslHandle ssl, int index);
}
