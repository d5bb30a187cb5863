using System.Formats.Asn1;

namespace Certwright.Certificates;

/// <summary>
/// Extracts the encoding of every certificate in PEM text (CERTIFICATE, TRUSTED CERTIFICATE and PKCS7
/// blocks), a DER file (one or several certificates) or a PKCS#7 file, without decoding the
/// certificates: for callers that decode them their own way, such as the path validator's trust store.
/// Uses the same block, trailer and PKCS#7 readers as <see cref="CertificateContainerReader"/>.
/// </summary>
internal static class RawCertificateReader
{
    /// <param name="content">The file's bytes.</param>
    /// <param name="problems">Receives one line per block or structure that could not be read.</param>
    /// <returns>Each certificate's encoding (a copy), in file order.</returns>
    public static List<byte[]> Read(ReadOnlySpan<byte> content, List<string> problems)
    {
        var certificates = new List<byte[]>();
        switch (FormatSniffer.Detect(content))
        {
            case ContainerFormat.Pem:
                ReadPem(content, certificates, problems);
                break;
            case ContainerFormat.Der:
                ReadDer(content, certificates, problems);
                break;
            case ContainerFormat.Pkcs7:
                ReadPkcs7(content, certificates, problems, "PKCS#7");
                break;
        }

        return certificates;
    }

    private static void ReadPem(ReadOnlySpan<byte> text, List<byte[]> certificates, List<string> problems)
    {
        var lines = new PemReader.LineCounter();
        var blocks = new PemBlockReader(text);
        while (blocks.TryReadNext(out var block))
        {
            if (block.Kind is not (PemBlockKind.Certificate or PemBlockKind.TrustedCertificate or PemBlockKind.Pkcs7))
            {
                continue;
            }

            var der = block.IsTerminated ? PemBlockReader.DecodeBase64(block.Body) : null;
            if (der is null)
            {
                problems.Add($"{PemReader.Where(text, block, ref lines)}: {(block.IsTerminated ? "the base64 text is invalid" : "no matching END line")}");
            }
            else if (block.Kind == PemBlockKind.Pkcs7)
            {
                ReadPkcs7(der, certificates, problems, $"{PemReader.Where(text, block, ref lines)}: PKCS#7");
            }
            else if (block.Kind == PemBlockKind.Certificate)
            {
                certificates.Add(der);
            }
            else if (TrustedCertificate.Split(der, out var length, out _, out var error))
            {
                // openssl's trust settings after the certificate are not applied: the CA file is the trust decision.
                certificates.Add(der[..length]);
            }
            else
            {
                problems.Add($"{PemReader.Where(text, block, ref lines)}: {error}");
            }
        }
    }

    private static void ReadDer(ReadOnlySpan<byte> data, List<byte[]> certificates, List<string> problems)
    {
        var reader = new DerReader(data);
        while (reader.Remaining.IndexOfAnyExcept(" \t\r\n\0"u8) >= 0)
        {
            try
            {
                certificates.Add(reader.ReadEncoded().ToArray());
            }
            catch (AsnContentException e)
            {
                problems.Add($"DER certificate {certificates.Count + 1} is truncated or malformed: {e.Message}");
                return;
            }
        }
    }

    private static void ReadPkcs7(ReadOnlySpan<byte> data, List<byte[]> certificates, List<string> problems, string prefix)
    {
        if (!Pkcs7Reader.TryOpen(data, out var set, out var problem))
        {
            problems.Add($"{prefix} {problem.Message}");
            return;
        }

        var index = 0;
        while (Pkcs7Reader.TryReadCertificate(ref set, ref index, out var encoded, out var error))
        {
            if (error is not null)
            {
                problems.Add($"{prefix} {error}");
                return;
            }

            certificates.Add(encoded.ToArray());
        }
    }
}
