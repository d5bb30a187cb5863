using System.Runtime.InteropServices;
using System.Text;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>What one call into the handshake state machine asks the caller to do next.</summary>
internal enum HandshakeStep
{
    Completed,
    NeedsInput,
    Failed,
}

/// <summary>
/// One client <c>SSL</c> driven through two memory BIOs: OpenSSL only transforms bytes, the caller owns the
/// socket. Not thread-safe; one async flow uses it at a time. Every method is synchronous so that OpenSSL's
/// thread-local error queue is read on the thread that filled it.
/// </summary>
internal sealed unsafe class OpenSslSession : IDisposable
{
    private readonly SafeSslHandle _ssl;
    private readonly nint _readBio;
    private readonly nint _writeBio;

    public OpenSslSession(OpenSslClientContext context, string? serverName)
    {
        LibCrypto.ERR_clear_error();
        _ssl = LibSsl.SSL_new(context.Handle);
        if (_ssl.IsInvalid)
        {
            throw new InvalidOperationException($"SSL_new failed: {OpenSslErrors.Drain() ?? "out of memory"}");
        }

        _readBio = LibCrypto.BIO_new(LibCrypto.BIO_s_mem());
        _writeBio = LibCrypto.BIO_new(LibCrypto.BIO_s_mem());
        if (_readBio == 0 || _writeBio == 0)
        {
            FreeBio(_readBio);
            FreeBio(_writeBio);
            _ssl.Dispose();
            throw new InvalidOperationException($"BIO_new failed: {OpenSslErrors.Drain() ?? "out of memory"}");
        }

        // From here the SSL owns both BIOs and SSL_free releases them.
        LibSsl.SSL_set_bio(_ssl, _readBio, _writeBio);
        LibSsl.SSL_set_connect_state(_ssl);
        if (serverName is not null)
        {
            SetServerName(serverName);
        }
    }

    /// <summary>The OpenSSL reason of the last failed step.</summary>
    public string? FailureReason { get; private set; }

    public int PendingOutput => (int)Math.Min(LibCrypto.BIO_ctrl(_writeBio, LibCrypto.BioCtrlPending, 0, 0), int.MaxValue);

    public HandshakeStep Step()
    {
        LibCrypto.ERR_clear_error();
        var result = LibSsl.SSL_do_handshake(_ssl);
        if (result == 1)
        {
            return HandshakeStep.Completed;
        }

        var error = LibSsl.SSL_get_error(_ssl, result);
        if (error is LibSsl.SslErrorWantRead or LibSsl.SslErrorWantWrite)
        {
            return HandshakeStep.NeedsInput;
        }

        FailureReason = OpenSslErrors.Drain() ?? error switch
        {
            LibSsl.SslErrorZeroReturn => "the server closed the TLS connection",
            LibSsl.SslErrorSyscall => "unexpected end of the TLS stream",
            _ => $"SSL_get_error {error}",
        };
        return HandshakeStep.Failed;
    }

    /// <summary>Moves bytes OpenSSL wants to send into <paramref name="destination"/>; returns how many.</summary>
    public int ReadOutput(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        fixed (byte* p = destination)
        {
            var n = LibCrypto.BIO_read(_writeBio, p, destination.Length);
            return Math.Max(n, 0);
        }
    }

    /// <summary>Hands bytes received from the server to OpenSSL.</summary>
    public void WriteInput(ReadOnlySpan<byte> source)
    {
        fixed (byte* p = source)
        {
            var written = LibCrypto.BIO_write(_readBio, p, source.Length);
            if (written != source.Length)
            {
                throw new InvalidOperationException($"BIO_write accepted {written} of {source.Length} bytes");
            }
        }
    }

    /// <summary>Queues a close_notify alert for the caller to send (best effort: the result is not awaited).</summary>
    public void QueueCloseNotify()
    {
        LibCrypto.ERR_clear_error();
        LibSsl.SSL_shutdown(_ssl);
        LibCrypto.ERR_clear_error();
    }

    public TlsSessionDetails CaptureDetails() => new(
        PresentedChain: ReadPeerChain(),
        Protocol: PtrToString(LibSsl.SSL_get_version(_ssl)),
        CipherSuite: CipherName(standard: true),
        OpenSslCipherName: CipherName(standard: false),
        Group: NegotiatedGroup(),
        StapledOcspResponse: ReadStapledResponse(),
        ClientCertificateRequested: LibSsl.SSL_get_ex_data(_ssl, OpenSslClientContext.ClientCertificateRequestedIndex) != 0,
        ClientCertificateAuthorities: ReadPeerCaNames());

    public void Dispose() => _ssl.Dispose();

    private void SetServerName(string serverName)
    {
        var bytes = Encoding.ASCII.GetBytes(serverName + "\0");
        fixed (byte* p = bytes)
        {
            // OpenSSL copies the name.
            if (LibSsl.SSL_ctrl(_ssl, LibSsl.SslCtrlSetTlsExtHostName, LibSsl.TlsExtNameTypeHostName, p) != 1)
            {
                throw new InvalidOperationException($"OpenSSL rejected the server name: {OpenSslErrors.Drain() ?? "no reason given"}");
            }
        }
    }

    private List<byte[]> ReadPeerChain()
    {
        var stack = LibSsl.SSL_get_peer_cert_chain(_ssl);
        var chain = new List<byte[]>();
        if (stack == 0)
        {
            return chain;
        }

        var count = LibCrypto.OPENSSL_sk_num(stack);
        for (var i = 0; i < count; i++)
        {
            var certificate = LibCrypto.OPENSSL_sk_value(stack, i);
            if (certificate != 0)
            {
                chain.Add(EncodeX509(certificate));
            }
        }

        return chain;
    }

    private List<byte[]> ReadPeerCaNames()
    {
        var stack = LibSsl.SSL_get0_peer_CA_list(_ssl);
        var names = new List<byte[]>();
        if (stack == 0)
        {
            return names;
        }

        var count = LibCrypto.OPENSSL_sk_num(stack);
        for (var i = 0; i < count; i++)
        {
            var name = LibCrypto.OPENSSL_sk_value(stack, i);
            if (name != 0)
            {
                names.Add(EncodeName(name));
            }
        }

        return names;
    }

    private static byte[] EncodeX509(nint certificate)
    {
        var length = LibCrypto.i2d_X509(certificate, null);
        if (length <= 0)
        {
            throw new InvalidOperationException($"i2d_X509 failed: {OpenSslErrors.Drain() ?? "no reason given"}");
        }

        var der = new byte[length];
        fixed (byte* start = der)
        {
            var cursor = start;
            if (LibCrypto.i2d_X509(certificate, &cursor) != length)
            {
                throw new InvalidOperationException("i2d_X509 changed length between calls");
            }
        }

        return der;
    }

    private static byte[] EncodeName(nint name)
    {
        var length = LibCrypto.i2d_X509_NAME(name, null);
        if (length <= 0)
        {
            throw new InvalidOperationException($"i2d_X509_NAME failed: {OpenSslErrors.Drain() ?? "no reason given"}");
        }

        var der = new byte[length];
        fixed (byte* start = der)
        {
            var cursor = start;
            if (LibCrypto.i2d_X509_NAME(name, &cursor) != length)
            {
                throw new InvalidOperationException("i2d_X509_NAME changed length between calls");
            }
        }

        return der;
    }

    private byte[]? ReadStapledResponse()
    {
        byte* response = null;
        var length = LibSsl.SSL_ctrl(_ssl, LibSsl.SslCtrlGetTlsExtStatusReqOcspResp, 0, (nint)(&response));
        if (length <= 0 || response == null)
        {
            return null;
        }

        return new ReadOnlySpan<byte>(response, checked((int)length)).ToArray();
    }

    private string? CipherName(bool standard)
    {
        var cipher = LibSsl.SSL_get_current_cipher(_ssl);
        if (cipher == 0)
        {
            return null;
        }

        return PtrToString(standard ? LibSsl.SSL_CIPHER_standard_name(cipher) : LibSsl.SSL_CIPHER_get_name(cipher));
    }

    private string? NegotiatedGroup()
    {
        var id = (int)LibSsl.SSL_ctrl(_ssl, LibSsl.SslCtrlGetNegotiatedGroup, 0, 0);
        if (id <= 0)
        {
            return null;
        }

        // OpenSSL 3.0 returns a NID, or TLSEXT_nid_unknown | the wire id for groups it has no NID for.
        return PtrToString(LibSsl.SSL_group_to_name(_ssl, id))
            ?? $"0x{id & 0xFFFF:x4}";
    }

    private static string? PtrToString(nint value) => value == 0 ? null : Marshal.PtrToStringUTF8(value);

    private static void FreeBio(nint bio)
    {
        if (bio != 0)
        {
            LibCrypto.BIO_free(bio);
        }
    }
}
