using System.Text;
using Certwright.Policy;

namespace Certwright.Certificates;

/// <summary>
/// Reads PEM text into a container result. CERTIFICATE (and the old X509 CERTIFICATE) blocks are
/// parsed; TRUSTED CERTIFICATE blocks give the certificate and the alias from openssl's aux trailer;
/// PKCS7 blocks are read as PKCS#7; any *PRIVATE KEY block only marks that a key is present (its
/// content is never decoded); other blocks (CSR, CRL, PUBLIC KEY, parameters) are ignored. Blocks are
/// found by <see cref="PemBlockReader"/>.
/// </summary>
internal static class PemReader
{
    public static void Read(ReadOnlySpan<byte> text, ContainerResultBuilder result)
    {
        var lines = new LineCounter();
        var blocks = new PemBlockReader(text);
        while (blocks.TryReadNext(out var block))
        {
            var kind = block.Kind;
            if (kind == PemBlockKind.PrivateKey)
            {
                result.ContainsPrivateKey = true;
            }

            if (kind is PemBlockKind.Other or PemBlockKind.PrivateKey)
            {
                continue;
            }

            if (!block.IsTerminated)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, block, ref lines)}: no matching END line");
                continue;
            }

            var der = PemBlockReader.DecodeBase64(block.Body);
            if (der is null)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, block, ref lines)}: the base64 text is invalid");
                continue;
            }

            string? error = null;
            switch (kind)
            {
                case PemBlockKind.Certificate:
                    result.TryAdd(der, out error);
                    break;
                case PemBlockKind.TrustedCertificate:
                    TrustedCertificate.Add(der, result, out error);
                    break;
                default:
                    Pkcs7Reader.Read(der, result, Where(text, block, ref lines));
                    break;
            }

            if (error is not null)
            {
                result.Problem(FindingCodes.CorruptCertificate, $"{Where(text, block, ref lines)}: {error}");
            }
        }

        if (result.ContainsPrivateKey && result.CertificateCount > 0)
        {
            result.MarkPrivateKey(0);
        }
    }

    /// <summary>"PEM block 3 (CERTIFICATE) at line 12", for messages.</summary>
    public static string Where(ReadOnlySpan<byte> text, in PemBlock block, ref LineCounter lines) =>
        $"PEM block {block.Number} ({Encoding.ASCII.GetString(block.Label)}) at line {lines.LineOf(text, block.Offset)}";

    /// <summary>Line numbers for messages, counted incrementally so that many problems stay linear.</summary>
    internal struct LineCounter
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
