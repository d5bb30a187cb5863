using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>
/// The one <c>SSL_CTX</c> every scan shares: a client that offers everything the library can still speak
/// (old servers must be scannable), verifies nothing (the chain is validated later, by us) and asks for a
/// stapled OCSP response. Creating a context is expensive in OpenSSL 3; an <c>SSL</c> from it is cheap.
/// </summary>
internal sealed unsafe class OpenSslClientContext : IDisposable
{
    /// <summary>
    /// Every cipher but the anonymous ones: a server that picks an aNULL suite presents no certificate, and
    /// capturing the certificate is the point of a scan.
    /// </summary>
    internal const string CipherList = "ALL:COMPLEMENTOFALL:!aNULL:@SECLEVEL=0";

    /// <summary>All five TLS 1.3 suites (the library's default leaves out the CCM ones).</summary>
    internal const string Tls13CipherSuites =
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";

    private static readonly Lazy<OpenSslClientContext> SharedContext = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _clientCertificateRequestedIndex = -1;

    private OpenSslClientContext(SafeSslContextHandle handle)
    {
        Handle = handle;
    }

    public static OpenSslClientContext Shared => SharedContext.Value;

    public SafeSslContextHandle Handle { get; }

    /// <summary>The ex_data slot the client-certificate callback marks when a server sends a CertificateRequest.</summary>
    public static int ClientCertificateRequestedIndex => _clientCertificateRequestedIndex;

    public OpenSslSession CreateSession(string? serverName) => new(this, serverName);

    public void Dispose() => Handle.Dispose();

    private static OpenSslClientContext Create()
    {
        SafeSslContextHandle handle;
        try
        {
            handle = LibSsl.SSL_CTX_new(LibSsl.TLS_client_method());
        }
        catch (DllNotFoundException e)
        {
            throw new CertwrightException(
                ErrorKind.State,
                $"TLS scanning needs OpenSSL 3 ({LibSsl.LibraryName}): install the Debian package 'libssl3'.",
                e);
        }

        if (handle.IsInvalid)
        {
            throw new CertwrightException(ErrorKind.State, $"OpenSSL could not create a TLS client context: {OpenSslErrors.Drain() ?? "no reason given"}.");
        }

        try
        {
            Configure(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new OpenSslClientContext(handle);
    }

    private static void Configure(SafeSslContextHandle ctx)
    {
        // The system openssl.cnf may raise the floor (MinProtocol, SECLEVEL); a scanner must see what old servers offer.
        LibSsl.SSL_CTX_set_security_level(ctx, 0);
        Require(LibSsl.SSL_CTX_set_cipher_list(ctx, CipherList) == 1, "set the cipher list");
        Require(LibSsl.SSL_CTX_set_ciphersuites(ctx, Tls13CipherSuites) == 1, "set the TLS 1.3 cipher suites");
        Require(LibSsl.SSL_CTX_ctrl(ctx, LibSsl.SslCtrlSetMinProtoVersion, 0, 0) == 1, "lower the minimum protocol version");
        LibSsl.SSL_CTX_set_options(ctx, LibSsl.SslOpAll | LibSsl.SslOpLegacyServerConnect | LibSsl.SslOpNoTicket | LibSsl.SslOpNoCompression);
        LibSsl.SSL_CTX_ctrl(ctx, LibSsl.SslCtrlMode, LibSsl.SslModeReleaseBuffers, 0);
        Require(
            LibSsl.SSL_CTX_ctrl(ctx, LibSsl.SslCtrlSetTlsExtStatusReqType, LibSsl.TlsExtStatusTypeOcsp, 0) == 1,
            "request OCSP stapling");

        LibSsl.SSL_CTX_set_verify(ctx, LibSsl.SslVerifyNone, 0);

        // Replaces OpenSSL's chain verification entirely: it would only cost CPU, the result is ignored.
        LibSsl.SSL_CTX_set_cert_verify_callback(ctx, &AcceptAnyChain, 0);

        var index = LibCrypto.CRYPTO_get_ex_new_index(LibCrypto.CryptoExIndexSsl, 0, 0, 0, 0, 0);
        Require(index >= 0, "allocate an ex_data index");
        _clientCertificateRequestedIndex = index;
        LibSsl.SSL_CTX_set_client_cert_cb(ctx, &OnClientCertificateRequested);
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new CertwrightException(ErrorKind.State, $"OpenSSL could not {what}: {OpenSslErrors.Drain() ?? "no reason given"}.");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int AcceptAnyChain(nint storeContext, nint argument) => 1;

    /// <summary>Called by OpenSSL on a CertificateRequest; records it and answers with no certificate.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnClientCertificateRequested(nint ssl, nint* certificate, nint* privateKey)
    {
        LibSsl.SSL_set_ex_data(ssl, _clientCertificateRequestedIndex, 1);
        return 0;
    }
}
