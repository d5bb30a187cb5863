using System.Net.Sockets;
using Certwright.Scanning.Internal;

namespace Certwright.Scanning.Probing.Internal;

/// <summary>
/// Reads the server's answer to a ClientHello: an alert, a close, or a ServerHello (and, for TLS 1.2 and older when
/// asked, the plaintext messages up to ServerHelloDone: ServerKeyExchange's curve, CertificateRequest's CA names).
/// </summary>
internal static class HelloReplyReader
{
    private const int RecordAlert = 21;
    private const int RecordHandshake = 22;
    private const int ServerHello = 2;
    private const int ServerKeyExchange = 12;
    private const int CertificateRequest = 13;
    private const int ServerHelloDone = 14;

    private static readonly byte[] HelloRetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /// <exception cref="ScanFailedException">Not TLS, malformed, or over the limits.</exception>
    public static async Task<HelloReply> ReadAsync(Socket socket, bool readUntilDone, int maxBytes, CancellationToken cancellationToken)
    {
        var records = new RecordReader(socket, maxBytes);
        var handshake = new List<byte>();
        HelloReply? hello = null;
        try
        {
            while (true)
            {
                var record = await records.ReadAsync(cancellationToken);
                if (record is not { } r)
                {
                    return hello ?? HelloReply.Closed("connection closed");
                }

                if (r.Type == RecordAlert && hello is null)
                {
                    return r.Payload.Length >= 2
                        ? new HelloReply { Kind = HelloReplyKind.Alert, Detail = "alert " + TlsAlerts.Name(r.Payload[1]) }
                        : HelloReply.Closed("empty alert");
                }

                if (r.Type != RecordHandshake)
                {
                    // A change_cipher_spec or encrypted data: nothing more is plaintext.
                    return hello ?? throw Malformed($"record type {r.Type} before the ServerHello");
                }

                handshake.AddRange(r.Payload);
                while (TryTakeMessage(handshake, maxBytes, out var type, out var body))
                {
                    if (hello is null)
                    {
                        if (type != ServerHello)
                        {
                            throw Malformed($"handshake message {type} instead of a ServerHello");
                        }

                        hello = ParseServerHello(body);
                        if (!readUntilDone || hello.Kind == HelloReplyKind.HelloRetryRequest || hello.Version >= TlsVersion.Tls13)
                        {
                            return hello;
                        }
                    }
                    else if (type == ServerKeyExchange)
                    {
                        hello = hello with { Group = NamedCurveOf(body, hello.CipherSuite) };
                    }
                    else if (type == CertificateRequest)
                    {
                        hello = hello with { CertificateRequested = true, CertificateAuthorities = ParseAuthorities(body, hello.Version) };
                    }
                    else if (type == ServerHelloDone)
                    {
                        return hello;
                    }
                }
            }
        }
        catch (MalformedReplyException e)
        {
            throw Malformed(e.Message);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return hello ?? HelloReply.Closed("connection reset");
        }
    }

    private static ScanFailedException Malformed(string why) => new(ScanStatus.HandshakeFailed, $"the server's TLS reply is malformed: {why}");

    private static bool TryTakeMessage(List<byte> buffer, int maxBytes, out int type, out byte[] body)
    {
        type = 0;
        body = [];
        if (buffer.Count < 4)
        {
            return false;
        }

        var length = buffer[1] << 16 | buffer[2] << 8 | buffer[3];
        if (length > maxBytes)
        {
            throw new MalformedReplyException($"a handshake message claims {length} bytes");
        }

        if (buffer.Count < 4 + length)
        {
            return false;
        }

        type = buffer[0];
        body = buffer.GetRange(4, length).ToArray();
        buffer.RemoveRange(0, 4 + length);
        return true;
    }

    private static HelloReply ParseServerHello(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var version = reader.U16();
        var isRetry = reader.Take(32).SequenceEqual(HelloRetryRandom);
        reader.Vector8(); // session id
        var suite = reader.U16();
        reader.U8(); // compression
        int? group = null;
        if (reader.HasData)
        {
            var extensions = new WireReader(reader.Vector16());
            while (extensions.HasData)
            {
                var type = extensions.U16();
                var data = new WireReader(extensions.Vector16());
                if (type == 0x002B)
                {
                    version = data.U16();
                }
                else if (type == 0x0033)
                {
                    group = data.U16();
                }
            }
        }

        return new HelloReply
        {
            Kind = isRetry ? HelloReplyKind.HelloRetryRequest : HelloReplyKind.ServerHello,
            Version = (TlsVersion)version,
            CipherSuite = suite,
            Group = group,
        };
    }

    /// <summary>The named curve of an ECDHE ServerKeyExchange (RFC 8422 5.4); null for other key exchanges.</summary>
    private static int? NamedCurveOf(ReadOnlySpan<byte> body, int cipherSuite)
    {
        if (!CipherSuites.TryGet(cipherSuite, out var suite) || !suite.IanaName.Contains("ECDH", StringComparison.Ordinal))
        {
            return null;
        }

        var reader = new WireReader(body);
        return reader.U8() == 3 ? reader.U16() : null;
    }

    /// <summary>certificate_authorities of a TLS 1.0-1.2 CertificateRequest (RFC 5246 7.4.4).</summary>
    private static byte[][] ParseAuthorities(ReadOnlySpan<byte> body, TlsVersion version)
    {
        var reader = new WireReader(body);
        reader.Vector8(); // certificate_types
        if (version >= TlsVersion.Tls12)
        {
            reader.Vector16(); // supported_signature_algorithms
        }

        var names = new WireReader(reader.Vector16());
        var result = new List<byte[]>();
        while (names.HasData)
        {
            result.Add(names.Vector16().ToArray());
        }

        return [.. result];
    }
}
