using System.Buffers.Binary;

namespace Certwright.Certificates;

/// <summary>
/// Recognises a container from its first bytes; file extensions are only a hint for messages.
/// DER is recognised by a SEQUENCE with a long-form (or BER indefinite) length, which no text file
/// starts with, and by its first element: SEQUENCE (certificate), INTEGER 3 (PKCS#12 PFX) or the
/// signedData OID (PKCS#7). The declared length is not checked, so a truncated file is still
/// recognised and then reported as corrupt rather than as unknown.
/// </summary>
internal static class FormatSniffer
{
    public const uint JksMagic = 0xFEEDFEED;
    public const uint JceksMagic = 0xCECECECE;

    /// <summary>How many leading bytes <see cref="DetectBinary"/> needs.</summary>
    public const int BinaryPrefixLength = 32;

    private static ReadOnlySpan<byte> SignedDataOid => [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

    private static ReadOnlySpan<byte> PemBegin => "-----BEGIN "u8;

    public static ContainerFormat Detect(ReadOnlySpan<byte> content)
    {
        var binary = DetectBinary(content);
        if (binary != ContainerFormat.Unknown)
        {
            return binary;
        }

        return ContainsPem(content) ? ContainerFormat.Pem : ContainerFormat.Unknown;
    }

    public static bool ContainsPem(ReadOnlySpan<byte> content) => content.IndexOf(PemBegin) >= 0;

    /// <summary>The binary formats (keystores, DER, PKCS#7, PKCS#12), judged from the first bytes only.</summary>
    public static ContainerFormat DetectBinary(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 4)
        {
            var magic = BinaryPrimitives.ReadUInt32BigEndian(prefix);
            if (magic == JksMagic)
            {
                return ContainerFormat.Jks;
            }

            if (magic == JceksMagic)
            {
                return ContainerFormat.Jceks;
            }
        }

        if (prefix.Length < 4 || prefix[0] != 0x30)
        {
            return ContainerFormat.Unknown;
        }

        var lengthByte = prefix[1];
        if (lengthByte != 0x80 && lengthByte is < 0x81 or > 0x84)
        {
            return ContainerFormat.Unknown;
        }

        var headerLength = lengthByte == 0x80 ? 2 : 2 + (lengthByte & 0x7F);
        var inner = prefix[Math.Min(headerLength, prefix.Length)..];
        if (inner.Length < 3)
        {
            return ContainerFormat.Unknown;
        }

        if (inner[0] == 0x30)
        {
            return ContainerFormat.Der;
        }

        if (inner[0] == 0x02 && inner[1] == 0x01 && inner[2] == 0x03)
        {
            return ContainerFormat.Pkcs12;
        }

        return inner.StartsWith(SignedDataOid) ? ContainerFormat.Pkcs7 : ContainerFormat.Unknown;
    }
}
