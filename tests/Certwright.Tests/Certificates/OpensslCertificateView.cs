using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

/// <summary>What <c>openssl x509</c> says about a certificate, in Certwright's vocabulary: the oracle for the parser.</summary>
internal sealed record OpensslCertificateView(
    string Sha256,
    string Serial,
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string SignatureAlgorithm,
    string PublicKeyAlgorithm,
    int? KeyBits,
    string? Curve,
    IReadOnlyList<string> SubjectAlternativeNames,
    string? SubjectKeyId,
    string? AuthorityKeyId,
    string? BasicConstraints,
    IReadOnlyList<string> OcspUrls,
    IReadOnlyList<string> CaIssuerUrls,
    IReadOnlyList<string> CrlUrls)
{
    private static readonly Dictionary<string, string> Curves = new()
    {
        ["prime256v1"] = "P-256",
        ["secp384r1"] = "P-384",
        ["secp521r1"] = "P-521",
        ["secp256k1"] = "secp256k1",
        ["brainpoolP256r1"] = "brainpoolP256r1",
        ["brainpoolP384r1"] = "brainpoolP384r1",
    };

    public static async Task<OpensslCertificateView> ReadAsync(string pemOrDerPath, string inform = "PEM")
    {
        var fields = await OpenSsl.RunAsync(
            "x509", "-inform", inform, "-in", pemOrDerPath, "-noout", "-fingerprint", "-sha256", "-serial", "-subject", "-issuer", "-dates",
            "-nameopt", "RFC2253,-esc_msb",
            "-ext", "subjectAltName,basicConstraints,subjectKeyIdentifier,authorityKeyIdentifier,authorityInfoAccess,crlDistributionPoints");
        var text = await OpenSsl.RunAsync("x509", "-inform", inform, "-in", pemOrDerPath, "-noout", "-text");
        var lines = fields.Split('\n');

        string Field(string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))[prefix.Length..].TrimEnd();

        string? Block(string header)
        {
            var index = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var body = lines.Skip(index + 1).TakeWhile(l => l.StartsWith(' ')).Select(l => l.Trim());
            return string.Join('\n', body) + (lines[index].Contains("critical", StringComparison.Ordinal) ? "\ncritical" : "");
        }

        var keyBits = Regex.Match(text, @"Public-Key: \((\d+) bit\)");
        var curve = Regex.Match(text, @"ASN1 OID: (\S+)");
        var aia = Block("Authority Information Access") ?? "";
        return new OpensslCertificateView(
            Sha256: Field("sha256 Fingerprint=").Replace(":", "", StringComparison.Ordinal).ToLowerInvariant(),
            Serial: Field("serial="),
            Subject: Field("subject="),
            Issuer: Field("issuer="),
            NotBefore: ParseDate(Field("notBefore=")),
            NotAfter: ParseDate(Field("notAfter=")),
            SignatureAlgorithm: Regex.Match(text, @"Signature Algorithm: (\S+)").Groups[1].Value,
            PublicKeyAlgorithm: Regex.Match(text, @"Public Key Algorithm: (\S+)").Groups[1].Value,
            KeyBits: keyBits.Success ? int.Parse(keyBits.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            Curve: curve.Success ? Curves.GetValueOrDefault(curve.Groups[1].Value, curve.Groups[1].Value) : null,
            SubjectAlternativeNames: ParseSans(Block("X509v3 Subject Alternative Name")),
            SubjectKeyId: Hex(Block("X509v3 Subject Key Identifier")),
            AuthorityKeyId: Hex(Block("X509v3 Authority Key Identifier")),
            BasicConstraints: Block("X509v3 Basic Constraints"),
            OcspUrls: Urls(aia, "OCSP - URI:"),
            CaIssuerUrls: Urls(aia, "CA Issuers - URI:"),
            CrlUrls: Urls(Block("X509v3 CRL Distribution Points") ?? "", "URI:"));
    }

    private static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(
            Regex.Replace(value, @"\s+", " "),
            "MMM d HH:mm:ss yyyy 'GMT'",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Hex(string? block)
    {
        if (block is null)
        {
            return null;
        }

        var first = block.Split('\n')[0];
        if (first.StartsWith("keyid:", StringComparison.Ordinal))
        {
            first = first["keyid:".Length..];
        }

        return first.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    private static List<string> Urls(string block, string prefix) =>
        [.. block.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..])];

    /// <summary>openssl's SAN list in <c>SubjectAlternativeName.ToString()</c> form.</summary>
    private static List<string> ParseSans(string? block)
    {
        if (block is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var item in block.Split('\n')[0].Split(", "))
        {
            if (item.StartsWith("IP Address:", StringComparison.Ordinal))
            {
                result.Add("IP:" + IPAddress.Parse(item["IP Address:".Length..]));
            }
            else if (item.StartsWith("othername: UPN::", StringComparison.Ordinal))
            {
                result.Add("othername:UPN:" + item["othername: UPN::".Length..]);
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }
}
