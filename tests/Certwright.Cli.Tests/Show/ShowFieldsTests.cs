using System.Globalization;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Show;

/// <summary>
/// Every field issue 2 lists, read from openssl-made certificates and shown by <c>show</c> and <c>show --json</c>:
/// an RSA root, an EC P-384 intermediate with a path length, an Ed25519 leaf with every kind of name, AIA, CRL
/// distribution point and two SCTs.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ShowFieldsTests(CliFixture cli) : IDisposable
{
    // Two 10-byte entries in a TLS-encoded SignedCertificateTimestampList, wrapped in the extension's OCTET STRING.
    private const string SctList = "0018000A00112233445566778899000AAABBCCDDEEFF00112233";

    private const string Extensions = $"""
        [ca]
        basicConstraints=critical,CA:TRUE,pathlen:0
        keyUsage=critical,keyCertSign,cRLSign
        subjectKeyIdentifier=hash
        authorityKeyIdentifier=keyid
        [leaf]
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature
        extendedKeyUsage=serverAuth,clientAuth
        subjectAltName=DNS:api.example.com,IP:10.0.0.1,IP:::1,URI:spiffe://example.org/api,email:ops@example.com
        authorityInfoAccess=OCSP;URI:http://ocsp.example.com,caIssuers;URI:http://ca.example.com/int.crt
        crlDistributionPoints=URI:http://crl.example.com/int.crl
        subjectKeyIdentifier=hash
        authorityKeyIdentifier=keyid
        1.3.6.1.4.1.11129.2.4.2=ASN1:FORMAT:HEX,OCTETSTRING:{SctList}

        """;

    private readonly CliSession _session = cli.NewSession();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Show_OpensslLeafWithEveryField_ShowsEachInTextAndJson()
    {
        var (leaf, _) = await MakeChainAsync();

        var text = (await _session.RunAsync("show", leaf.Sha256)).ExpectExit(0).OutputLines;
        var json = (await _session.RunAsync("show", leaf.Sha256, "--json")).ExpectExit(0).Json("certificate");

        Assert.Contains("Subject:              CN=api.example.com", text);
        Assert.Contains("Issuer:               CN=Show Issuing CA", text);
        Assert.Contains($"Serial:               {leaf.Serial}", text);
        Assert.Contains("Names:                DNS:api.example.com, IP:10.0.0.1, IP:::1, URI:spiffe://example.org/api, email:ops@example.com", text);
        Assert.Contains("Key:                  Ed25519", text);
        Assert.Contains("Signature:            ecdsa-with-SHA384", text);
        Assert.Contains("Key usage:            digitalSignature", text);
        Assert.Contains("Extended key usage:   serverAuth, clientAuth", text);
        Assert.Contains("CA:                   no", text);
        Assert.Contains("Self-signed:          no", text);
        Assert.Contains($"Subject key id:       {leaf.SubjectKeyId}", text);
        Assert.Contains($"Authority key id:     {leaf.AuthorityKeyId}", text);
        Assert.Contains("OCSP:                 http://ocsp.example.com", text);
        Assert.Contains("CA issuers:           http://ca.example.com/int.crt", text);
        Assert.Contains("CRL:                  http://crl.example.com/int.crl", text);
        Assert.Contains("SCTs:                 2", text);
        Assert.Contains($"SHA-256:              {leaf.Sha256}", text);
        Assert.Contains($"SHA-1:                {leaf.Sha1}", text);
        Assert.Contains($"Not before:           {leaf.NotBefore}", text);
        Assert.Contains(text, l => l.StartsWith($"Not after:            {leaf.NotAfter} (", StringComparison.Ordinal));

        Assert.Equal((leaf.Sha256, leaf.Sha1, leaf.Serial), (json.Str("sha256"), json.Str("sha1"), json.Str("serialNumber")));
        Assert.Equal(("CN=api.example.com", "CN=Show Issuing CA"), (json.Str("subject"), json.Str("issuer")));
        Assert.Equal((leaf.NotBefore, leaf.NotAfter), (json.Str("notBefore"), json.Str("notAfter")));
        Assert.Equal(["DNS:api.example.com", "IP:10.0.0.1", "IP:::1", "URI:spiffe://example.org/api", "email:ops@example.com"], json.Strings("subjectAlternativeNames"));
        var key = json.GetProperty("publicKey");
        Assert.Equal(("ed25519", 256), (key.Str("algorithm"), key.Int("bits")));
        Assert.Equal("ecdsa-with-SHA384", json.Str("signatureAlgorithm"));
        Assert.Equal(["digitalSignature"], json.Strings("keyUsage"));
        Assert.Equal(["serverAuth", "clientAuth"], json.Strings("extendedKeyUsage"));
        Assert.False(json.GetProperty("basicConstraints").Bool("ca"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("basicConstraints").GetProperty("pathLength").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty("parameters").ValueKind);
        Assert.Equal((leaf.SubjectKeyId, leaf.AuthorityKeyId), (json.Str("subjectKeyId"), json.Str("authorityKeyId")));
        Assert.Equal(["http://ocsp.example.com"], json.Strings("ocspUrls"));
        Assert.Equal(["http://ca.example.com/int.crt"], json.Strings("caIssuerUrls"));
        Assert.Equal(["http://crl.example.com/int.crl"], json.Strings("crlDistributionPoints"));
        Assert.Equal(2, json.Int("sctCount"));
        Assert.False(json.Bool("selfSigned"));
    }

    [Fact]
    public async Task Show_OpensslIntermediate_ShowsCaPathLengthAndEcCurve()
    {
        var (_, intermediate) = await MakeChainAsync();

        var text = (await _session.RunAsync("show", intermediate.Sha256)).ExpectExit(0).OutputLines;
        var json = (await _session.RunAsync("show", intermediate.Sha256, "--json")).ExpectExit(0).Json("certificate");

        Assert.Contains("Key:                  EC P-384", text);
        Assert.Contains("Signature:            sha256WithRSAEncryption", text);
        Assert.Contains("Key usage:            keyCertSign, cRLSign", text);
        Assert.Contains("CA:                   yes, path length 0", text);
        Assert.Contains("SCTs:                 0", text);
        var constraints = json.GetProperty("basicConstraints");
        Assert.Equal((true, 0, true), (constraints.Bool("ca"), constraints.Int("pathLength"), constraints.Bool("critical")));
        var key = json.GetProperty("publicKey");
        Assert.Equal(("ec", 384, "P-384"), (key.Str("algorithm"), key.Int("bits"), key.Str("parameters")));
        Assert.Equal(0, json.Int("sctCount"));
    }

    [Theory]
    [InlineData("ML-DSA-65", "ML-DSA-65", "mldsa", 192, "ML-DSA-65")]
    [InlineData("Ed448", "Ed448", "ed448", 456, "ED448")]
    public async Task Show_PostQuantumAndEdwardsKeys_NamesKeyAndSignature(string keyType, string key, string algorithm, int bits, string signature)
    {
        var der = BcCertificates.Create(keyType, "CN=pq.example");
        var file = _session.Work.Write("pq.der", der);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
        (await _session.RunAsync("import", file)).ExpectExit(0);

        var text = (await _session.RunAsync("show", sha256)).ExpectExit(0).OutputLines;
        var json = (await _session.RunAsync("show", sha256, "--json")).ExpectExit(0).Json("certificate");

        Assert.Contains($"Key:                  {key}", text);
        Assert.Contains($"Signature:            {signature}", text);
        Assert.Contains("Self-signed:          yes", text);
        Assert.Equal((algorithm, bits), (json.GetProperty("publicKey").Str("algorithm"), json.GetProperty("publicKey").Int("bits")));
        Assert.Equal(signature, json.Str("signatureAlgorithm"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("keyUsage").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("basicConstraints").ValueKind);
    }

    private async Task<(OpensslView Leaf, OpensslView Intermediate)> MakeChainAsync()
    {
        string F(string name) => _session.Work.File(name);
        var extensions = _session.Work.Write("ext.cnf", Extensions);
        await OpenSsl.RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", F("root.key"), "-out", F("root.pem"), "-days", "3650", "-subj", "/CN=Show Root");
        await OpenSsl.RunAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", F("int.key"), "-out", F("int.csr"), "-subj", "/CN=Show Issuing CA");
        await OpenSsl.RunAsync("x509", "-req", "-in", F("int.csr"), "-CA", F("root.pem"), "-CAkey", F("root.key"), "-set_serial", "0x1001", "-days", "1825", "-extfile", extensions, "-extensions", "ca", "-out", F("int.pem"));
        await OpenSsl.RunAsync("req", "-newkey", "ed25519", "-nodes", "-keyout", F("leaf.key"), "-out", F("leaf.csr"), "-subj", "/CN=api.example.com");
        await OpenSsl.RunAsync("x509", "-req", "-in", F("leaf.csr"), "-CA", F("int.pem"), "-CAkey", F("int.key"), "-set_serial", "0x0A0B0C0D0E0F", "-sha384", "-days", "90", "-extfile", extensions, "-extensions", "leaf", "-out", F("leaf.pem"));
        (await _session.RunAsync("import", F("leaf.pem"), F("int.pem"))).ExpectExit(0);
        return (await OpensslView.ReadAsync(F("leaf.pem")), await OpensslView.ReadAsync(F("int.pem")));
    }

    /// <summary>What openssl itself says about a certificate file, in the forms <c>show</c> prints.</summary>
    private sealed record OpensslView(string Sha256, string Sha1, string Serial, string NotBefore, string NotAfter, string SubjectKeyId, string AuthorityKeyId)
    {
        public static async Task<OpensslView> ReadAsync(string file)
        {
            static string Hex(string line) => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Replace(":", "", StringComparison.Ordinal).Trim();
            static string Time(string line) => DateTimeOffset
                .ParseExact(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim().Replace("  ", " ", StringComparison.Ordinal), "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

            var sha256 = await OpenSsl.RunAsync("x509", "-in", file, "-noout", "-fingerprint", "-sha256");
            var sha1 = await OpenSsl.RunAsync("x509", "-in", file, "-noout", "-fingerprint", "-sha1");
            var dates = (await OpenSsl.RunAsync("x509", "-in", file, "-noout", "-serial", "-startdate", "-enddate")).Split('\n');
            var text = (await OpenSsl.RunAsync("x509", "-in", file, "-noout", "-text")).Split('\n');
            string After(string header) => text[Array.FindIndex(text, l => l.Trim().StartsWith(header, StringComparison.Ordinal)) + 1].Trim().Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
            return new OpensslView(
                Hex(sha256).ToLowerInvariant(),
                Hex(sha1).ToLowerInvariant(),
                Hex(dates[0]),
                Time(dates[1]),
                Time(dates[2]),
                After("X509v3 Subject Key Identifier:"),
                After("X509v3 Authority Key Identifier:"));
        }
    }
}
