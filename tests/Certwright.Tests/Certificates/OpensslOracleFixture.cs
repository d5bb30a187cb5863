using System.Formats.Asn1;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

/// <summary>
/// A table of certificates made by the openssl CLI (every key type and signature it offers here) and by
/// <see cref="RawCertificateBuilder"/> (odd encodings), written once per test class into a temp dir.
/// </summary>
public sealed class OpensslOracleFixture : IAsyncLifetime
{
    private const string RichExtensions =
        "subjectAltName=DNS:a.example,DNS:*.b.example,IP:192.0.2.1,IP:2001:db8::1,URI:spiffe://example.org/ns/a/sa/b,email:ops@example.com,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:u@corp.example";

    private readonly TempDirectory _directory = new();

    public static readonly string[] OpensslCases =
    [
        "ec-p256-rich", "ec-p384", "ec-p521", "ec-secp256k1", "ec-brainpool", "rsa2048", "rsa1024-md5", "rsa1024-sha1",
        "rsa-pss", "ed25519", "ed448", "dsa", "leaf-of-ca", "serial-zero", "names",
    ];

    public static readonly string[] RawCases = ["negative-serial", "v1", "generalized-time", "odd-names", "bmp-teletex-universal"];

    public string PathOf(string name) => _directory.File(name + ".pem");

    public async Task InitializeAsync()
    {
        var dir = _directory.Path;
        await OpenSsl.RunAsync("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", Path.Combine(dir, "dsa-params.pem"));
        await Req("ca", "ec", "ec_paramgen_curve:P-256", "-subj", "/C=DE/O=Oracle Org/CN=Oracle CA");

        await Task.WhenAll(
            Req("ec-p256-rich", "ec", "ec_paramgen_curve:P-256", "-subj", "/C=DE/ST=Berlin/L=Berlin/O=Example, Inc./OU=Ops\\+Dev/CN=a.example",
                "-addext", RichExtensions,
                "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
                "-addext", "extendedKeyUsage=serverAuth,clientAuth",
                "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.example.com,caIssuers;URI:http://ca.example.com/ca.crt",
                "-addext", "crlDistributionPoints=URI:http://crl.example.com/ca.crl,URI:http://crl2.example.com/ca.crl"),
            Req("ec-p384", "ec", "ec_paramgen_curve:P-384", "-sha384", "-subj", "/CN=p384.example"),
            Req("ec-p521", "ec", "ec_paramgen_curve:P-521", "-sha512", "-subj", "/CN=p521.example"),
            Req("ec-secp256k1", "ec", "ec_paramgen_curve:secp256k1", "-subj", "/CN=k1.example"),
            Req("ec-brainpool", "ec", "ec_paramgen_curve:brainpoolP256r1", "-subj", "/CN=bp.example"),
            Req("rsa2048", "rsa:2048", null, "-subj", "/CN=rsa.example", "-addext", "basicConstraints=critical,CA:TRUE,pathlen:3"),
            Req("rsa1024-md5", "rsa:1024", null, "-md5", "-subj", "/CN=md5.example"),
            Req("rsa1024-sha1", "rsa:1024", null, "-sha1", "-subj", "/CN=sha1.example"),
            Req("rsa-pss", "rsa-pss", "rsa_keygen_bits:2048", "-subj", "/CN=pss.example"),
            Req("ed25519", "ed25519", null, "-subj", "/CN=ed25519.example"),
            Req("ed448", "ed448", null, "-subj", "/CN=ed448.example"),
            Req("dsa", "dsa:" + Path.Combine(dir, "dsa-params.pem"), null, "-sha256", "-subj", "/CN=dsa.example"),
            Req("leaf-of-ca", "ec", "ec_paramgen_curve:P-256", "-CA", PathOf("ca"), "-CAkey", _directory.File("ca.key"), "-subj", "/CN=leaf.example",
                "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "subjectAltName=DNS:leaf.example"),
            Req("serial-zero", "ec", "ec_paramgen_curve:P-256", "-set_serial", "0", "-subj", "/CN=zero.example"),
            Req("names", "ec", "ec_paramgen_curve:P-256", "-utf8", "-subj",
                "/DC=org/DC=example/C=DE/ST=Nordrhein-Westfalen/L=Köln/street=Hauptstraße 1/O=Müller \\+ Söhne; \"GmbH\"/OU= padded /OU=#hash/title=Boss/GN=Jürgen/SN=Smith/serialNumber=42/UID=jsmith/emailAddress=j@example.com/CN=Jürgen <Smith>\\, Esq."));

        foreach (var (name, der) in RawCertificates())
        {
            await File.WriteAllTextAsync(PathOf(name), PemEncode(der));
        }
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> Req(string name, string newKey, string? keyOption, params string[] extra)
    {
        List<string> args = ["req", "-x509", "-newkey", newKey];
        if (keyOption is not null)
        {
            args.AddRange(["-pkeyopt", keyOption]);
        }

        args.AddRange(["-nodes", "-keyout", _directory.File(name + ".key"), "-out", PathOf(name), "-days", "30"]);
        args.AddRange(extra);
        return OpenSsl.RunAsync([.. args]);
    }

    private static IEnumerable<(string Name, byte[] Der)> RawCertificates()
    {
        yield return ("negative-serial", new RawCertificateBuilder { Serial = [0xFE, 0xDC, 0xBA, 0x98] }.Build());
        yield return ("v1", new RawCertificateBuilder { Version = 1, Serial = [0x00, 0x99] }.Build());
        yield return ("generalized-time", new RawCertificateBuilder
        {
            NotBefore = w => w.WriteUtcTime(new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)),
            NotAfter = w => w.WriteGeneralizedTime(new DateTimeOffset(2075, 7, 1, 8, 30, 0, TimeSpan.Zero), omitFractionalSeconds: true),
        }.Build());
        yield return ("odd-names", new RawCertificateBuilder
        {
            Subject = RawCertificateBuilder.NameOfRdns(
                [("2.5.4.6", UniversalTagNumber.PrintableString, "DE")],
                [("2.5.4.10", UniversalTagNumber.UTF8String, " lead and trail ")],
                [("2.5.4.11", UniversalTagNumber.UTF8String, "a=b\\c"), ("2.5.4.3", UniversalTagNumber.UTF8String, "multi")],
                [("1.2.3.4.5", UniversalTagNumber.UTF8String, "unknown type")],
                [("2.5.4.3", UniversalTagNumber.BitString, "0102")],
                [("2.5.4.3", UniversalTagNumber.UTF8String, "ctl\u0001char")]),
        }.Build());
        yield return ("bmp-teletex-universal", new RawCertificateBuilder
        {
            Subject = RawCertificateBuilder.Name(
                ("2.5.4.10", UniversalTagNumber.BMPString, "BMP Ünïcode"),
                ("2.5.4.11", UniversalTagNumber.T61String, "Teletex"),
                ("2.5.4.3", UniversalTagNumber.UniversalString, "Univ ✓ 𝄞"),
                ("0.9.2342.19200300.100.1.25", UniversalTagNumber.IA5String, "corp")),
        }.Build());
    }

    private static string PemEncode(byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";
}
