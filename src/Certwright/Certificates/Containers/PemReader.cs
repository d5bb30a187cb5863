using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads PEM text: any number of blocks with text before, between and after them, LF or CRLF line
/// endings. CERTIFICATE (and the old X509 CERTIFICATE) blocks are parsed; TRUSTED CERTIFICATE blocks
/// give the certificate and the alias from openssl's aux trailer; PKCS7 blocks are read as PKCS#7;
/// any *PRIVATE KEY block only marks that a key is present (its content is never decoded); other
/// blocks (CSR, CRL, PUBLIC KEY, parameters) are ignored.
/// </summary>
/// <remarks>
/// Linear in the size of the text: after a BEGIN line, the next "-----" must start the matching END
/// line (base64 and RFC 1421 headers never contain it); anything else means the block is unterminated,
/// and scanning goes on from there, so a missing END line costs one block, not the rest of the file.
/// </remarks>
internal static class PemReader
{
    private const int MaxLabelLength = 80;

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n\v\f"u8);

    private static ReadOnlySpan<byte> Begin => "-----BEGIN "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    private static ReadOnlySpan<byte> EndPrefix => "-----END "u8;

    public static void Read(ReadOnlySpan<byte> text, ContainerResultBuilder result)
    {
        var position = 0;
        var lines = new LineCounter();
        var blockNumber = 0;

        while (position < text.Length)
        {
            var begin = text[position..].IndexOf(Begin);
            if (begin < 0)
            {
                break;
            }

            begin += position;
            var labelStart = begin + Begin.Length;
            var labelLength = text[labelStart..].IndexOf(Dashes);
            if (labelLength <= 0 || labelLength > MaxLabelLength || text.Slice(labelStart, labelLength).IndexOfAny((byte)'\n', (byte)'\r') >= 0)
            {
                // "-----BEGIN " that does not start a block header.
                position = labelStart;
                continue;
            }

            blockNumber++;
            var label = text.Slice(labelStart, labelLength);
            var kind = Classify(label);
            if (kind == BlockKind.PrivateKey)
            {
                result.ContainsPrivateKey = true;
            }

            var bodyStart = labelStart + labelLength + Dashes.Length;
            var marker = text[bodyStart..].IndexOf(Dashes);
            var terminated = marker >= 0 && IsEndLine(text[(bodyStart + marker)..], label);
            if (!terminated)
            {
                if (kind is BlockKind.Certificate or BlockKind.TrustedCertificate or BlockKind.Pkcs7)
                {
                    result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, begin, blockNumber, label, ref lines)}: no matching END line");
                }

                position = marker < 0 ? text.Length : bodyStart + marker;
                continue;
            }

            var body = text.Slice(bodyStart, marker);
            position = bodyStart + marker + EndPrefix.Length + label.Length + Dashes.Length;
            if (kind is BlockKind.Other or BlockKind.PrivateKey)
            {
                continue;
            }

            var der = DecodeBase64(body);
            if (der is null)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, begin, blockNumber, label, ref lines)}: the base64 text is invalid");
                continue;
            }

            string? error = null;
            switch (kind)
            {
                case BlockKind.Certificate:
                    result.TryAdd(der, out error);
                    break;
                case BlockKind.TrustedCertificate:
                    TrustedCertificate.Add(der, result, out error);
                    break;
                default:
                    Pkcs7Reader.Read(der, result, Where(text, begin, blockNumber, label, ref lines));
                    break;
            }

            if (error is not null)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, begin, blockNumber, label, ref lines)}: {error}");
            }
        }

        if (result.ContainsPrivateKey && result.CertificateCount > 0)
        {
            result.MarkPrivateKey(0);
        }
    }

    private static bool IsEndLine(ReadOnlySpan<byte> text, ReadOnlySpan<byte> label) =>
        text.StartsWith(EndPrefix) && text[EndPrefix.Length..].StartsWith(label) && text[(EndPrefix.Length + label.Length)..].StartsWith(Dashes);

    private static string Where(ReadOnlySpan<byte> text, int offset, int blockNumber, ReadOnlySpan<byte> label, ref LineCounter lines) =>
        $"PEM block {blockNumber} ({Encoding.ASCII.GetString(label)}) at line {lines.LineOf(text, offset)}";

    /// <summary>Decodes base64 that may contain whitespace; null when it is not valid base64.</summary>
    /// <remarks>
    /// Whitespace is removed first (a vectorised scan per line): the decoder's own whitespace handling
    /// drops to a slow path at every line break, which made a 10,000-certificate bundle several times slower.
    /// </remarks>
    private static byte[]? DecodeBase64(ReadOnlySpan<byte> body)
    {
        var rented = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            var compact = rented.AsSpan();
            var length = 0;
            var rest = body;
            while (true)
            {
                var space = rest.IndexOfAny(Whitespace);
                if (space < 0)
                {
                    rest.CopyTo(compact[length..]);
                    length += rest.Length;
                    break;
                }

                rest[..space].CopyTo(compact[length..]);
                length += space;
                rest = rest[(space + 1)..];
            }

            // Decoding in place is safe: output never overtakes input.
            var status = Base64.DecodeFromUtf8InPlace(compact[..length], out var written);
            return status == OperationStatus.Done && written > 0 ? compact[..written].ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static BlockKind Classify(ReadOnlySpan<byte> label)
    {
        if (label.SequenceEqual("CERTIFICATE"u8) || label.SequenceEqual("X509 CERTIFICATE"u8) || label.SequenceEqual("X.509 CERTIFICATE"u8))
        {
            return BlockKind.Certificate;
        }

        if (label.SequenceEqual("TRUSTED CERTIFICATE"u8))
        {
            return BlockKind.TrustedCertificate;
        }

        if (label.SequenceEqual("PKCS7"u8) || label.SequenceEqual("PKCS #7 SIGNED DATA"u8) || label.SequenceEqual("CMS"u8))
        {
            return BlockKind.Pkcs7;
        }

        return label.EndsWith("PRIVATE KEY"u8) ? BlockKind.PrivateKey : BlockKind.Other;
    }

    private enum BlockKind
    {
        Other,
        Certificate,
        TrustedCertificate,
        Pkcs7,
        PrivateKey,
    }

    /// <summary>Line numbers for messages, counted incrementally so that many problems stay linear.</summary>
    private struct LineCounter
    {
        private int _offset;
        private int _line;

        public int LineOf(ReadOnlySpan<byte> text, int offset)
        {
            _line += text[_offset..offset].Count((byte)'\n');
            _offset = offset;
            return _line + 1;
        }
    }
}
