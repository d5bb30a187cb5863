using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Certwright.Scanning.Probing.Internal;

/// <summary>What one probe offers.</summary>
/// <param name="Version">The version asked for: client_version for SSLv3 to TLS 1.2, supported_versions for TLS 1.3.</param>
/// <param name="Suites">Cipher suite codes, in preference order.</param>
/// <param name="Groups">supported_groups, in preference order.</param>
/// <param name="ServerName">SNI, or null.</param>
/// <param name="KeyShare">TLS 1.3: send an x25519 key share (random bytes are a valid x25519 public value); false sends an empty key_share list, so a server that accepts a group must answer with a HelloRetryRequest naming it.</param>
internal sealed record HelloOffer(TlsVersion Version, IReadOnlyList<int> Suites, IReadOnlyList<int> Groups, string? ServerName, bool KeyShare = true);

/// <summary>Builds ClientHello records byte by byte (RFC 5246 7.4.1.2, RFC 8446 4.1.2), independent of any TLS library.</summary>
internal static class ClientHello
{
    private const int EmptyRenegotiationInfoScsv = 0x00FF;

    /// <summary>Every signature scheme worth accepting a ServerKeyExchange or CertificateVerify with, including SHA-1 and MD5 for old servers.</summary>
    private static readonly int[] SignatureSchemes =
    [
        0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
        0x081A, 0x081B, 0x081C, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602,
        0x0203, 0x0201, 0x0202, 0x0101,
    ];

    public static byte[] Build(HelloOffer offer)
    {
        var body = new List<byte>(1024);
        var legacyVersion = offer.Version == TlsVersion.Tls13 ? (int)TlsVersion.Tls12 : (int)offer.Version;
        U16(body, legacyVersion);
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        if (offer.Version == TlsVersion.Tls13)
        {
            // A 32-byte legacy session id: TLS 1.3 middlebox compatibility mode, what browsers send.
            body.Add(32);
            body.AddRange(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            body.Add(0);
        }

        var suites = offer.Version == TlsVersion.Ssl30 ? [.. offer.Suites, EmptyRenegotiationInfoScsv] : offer.Suites;
        U16(body, suites.Count * 2);
        foreach (var suite in suites)
        {
            U16(body, suite);
        }

        body.Add(1);
        body.Add(0); // null compression only
        if (offer.Version != TlsVersion.Ssl30)
        {
            // SSLv3 servers may choke on extensions; the SCSV above stands in for renegotiation_info.
            var extensions = Extensions(offer);
            U16(body, extensions.Count);
            body.AddRange(extensions);
        }

        var record = new List<byte>(body.Count + 9) { 0x16 };
        // Record version 0x0301 for TLS hellos, as clients send it: some servers reject a higher one.
        U16(record, offer.Version == TlsVersion.Ssl30 ? 0x0300 : 0x0301);
        U16(record, body.Count + 4);
        record.Add(0x01);
        U24(record, body.Count);
        record.AddRange(body);
        return [.. record];
    }

    private static List<byte> Extensions(HelloOffer offer)
    {
        var extensions = new List<byte>(512);
        if (offer.ServerName is { } name)
        {
            var host = Encoding.ASCII.GetBytes(name);
            Extension(extensions, 0x0000, e =>
            {
                U16(e, host.Length + 3);
                e.Add(0);
                U16(e, host.Length);
                e.AddRange(host);
            });
        }

        Extension(extensions, 0x000A, e =>
        {
            U16(e, offer.Groups.Count * 2);
            foreach (var group in offer.Groups)
            {
                U16(e, group);
            }
        });
        Extension(extensions, 0x000B, e => e.AddRange([1, 0])); // ec_point_formats: uncompressed
        if (offer.Version >= TlsVersion.Tls12)
        {
            Extension(extensions, 0x000D, e =>
            {
                U16(e, SignatureSchemes.Length * 2);
                foreach (var scheme in SignatureSchemes)
                {
                    U16(e, scheme);
                }
            });
        }

        Extension(extensions, 0xFF01, e => e.Add(0)); // renegotiation_info, empty: initial handshake
        if (offer.Version == TlsVersion.Tls13)
        {
            Extension(extensions, 0x002B, e => e.AddRange([2, 0x03, 0x04])); // supported_versions: TLS 1.3 only
            Extension(extensions, 0x002D, e => e.AddRange([1, 1])); // psk_key_exchange_modes: psk_dhe_ke
            Extension(extensions, 0x0033, e =>
            {
                if (offer.KeyShare && offer.Groups.Contains(NamedGroups.X25519.Code))
                {
                    U16(e, 36);
                    U16(e, NamedGroups.X25519.Code);
                    U16(e, 32);
                    e.AddRange(RandomNumberGenerator.GetBytes(32));
                }
                else
                {
                    U16(e, 0);
                }
            });
        }

        return extensions;
    }

    private static void Extension(List<byte> extensions, int type, Action<List<byte>> write)
    {
        var data = new List<byte>(64);
        write(data);
        U16(extensions, type);
        U16(extensions, data.Count);
        extensions.AddRange(data);
    }

    private static void U16(List<byte> buffer, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)value));
        buffer.AddRange(bytes);
    }

    private static void U24(List<byte> buffer, int value)
    {
        buffer.Add((byte)(value >> 16));
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }
}
