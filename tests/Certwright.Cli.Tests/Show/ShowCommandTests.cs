using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Show;

[Collection(CliCollection.Name)]
public sealed class ShowCommandTests : IDisposable
{
    private readonly CliSession _session;
    private readonly TestCertificate _root = TestPki.CreateRoot("Show Root");
    private readonly TestCertificate _leaf;

    public ShowCommandTests(CliFixture cli)
    {
        _session = cli.NewSession();
        _leaf = TestPki.CreateLeaf(
            _root,
            "svc.example.test",
            dnsNames: ["svc.example.test", "www.svc.example.test"],
            ipAddresses: [IPAddress.Loopback],
            notAfter: Expiry.InDays(45),
            clientAuth: true);
    }

    private string Sha1 => Convert.ToHexStringLower(SHA1.HashData(_leaf.Der));

    public void Dispose()
    {
        _session.Dispose();
        _leaf.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Show_FullSha256_PrintsCertificateAndEverySighting()
    {
        var (pem, der) = await ImportLeafTwiceAsync();

        var run = (await _session.RunAsync("show", _leaf.Sha256)).ExpectExit(0);

        var lines = run.OutputLines;
        Assert.Contains("Subject:              CN=svc.example.test", lines);
        Assert.Contains("Issuer:               CN=Show Root", lines);
        Assert.Contains($"Serial:               {_leaf.Certificate.SerialNumber}", lines);
        Assert.Contains("Names:                DNS:svc.example.test, DNS:www.svc.example.test, IP:127.0.0.1", lines);
        Assert.Contains("Extended key usage:   serverAuth, clientAuth", lines);
        Assert.Contains($"SHA-256:              {_leaf.Sha256}", lines);
        Assert.Contains($"SHA-1:                {Sha1}", lines);
        Assert.Contains(lines, l => l.StartsWith("Not after:", StringComparison.Ordinal) && l.EndsWith("(45 days left)", StringComparison.Ordinal));
        var seen = lines.SkipWhile(l => l != "Seen at (2):").Skip(1).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, seen.Length);
        Assert.StartsWith($"  {pem}  position 0, namespace default, first ", seen[0], StringComparison.Ordinal);
        Assert.StartsWith($"  {der}  position 0, namespace team-b, first ", seen[1], StringComparison.Ordinal);
    }

    public static TheoryData<string> FingerprintForms => new()
    {
        "sha256-full",
        "sha256-prefix-8",
        "sha256-prefix-upper-20",
        "sha256-prefix-colons",
        "sha1-full",
        "sha1-colons-upper",
        "sha1-prefix-12",
        "serial",
    };

    [Theory]
    [MemberData(nameof(FingerprintForms))]
    public async Task Show_AnyFingerprintForm_FindsTheCertificate(string form)
    {
        await ImportLeafTwiceAsync();
        var key = form switch
        {
            "sha256-full" => _leaf.Sha256,
            "sha256-prefix-8" => _leaf.Sha256[..8],
            "sha256-prefix-upper-20" => _leaf.Sha256[..20].ToUpperInvariant(),
            "sha256-prefix-colons" => Colons(_leaf.Sha256[..24]),
            "sha1-full" => Sha1,
            "sha1-colons-upper" => Colons(Sha1).ToUpperInvariant(),
            "sha1-prefix-12" => Sha1[..12],
            _ => _leaf.Certificate.SerialNumber,
        };

        var json = (await _session.RunAsync("show", key, "--json")).ExpectExit(0).Json("certificate");

        Assert.Equal(_leaf.Sha256, json.Str("sha256"));
    }

    [Fact]
    public async Task Show_PemAndJson_IsRefused()
    {
        var run = await _session.RunAsync("show", _leaf.Sha256, "--pem", "--json");

        run.ExpectExit(1).ExpectOneLineError("--pem and --json cannot be combined; choose one output");
        Assert.Empty(run.StandardOutput);
    }

    [Theory]
    [InlineData("abc1", "'abc1' is no known serial number and too short for a fingerprint prefix; give at least 8 hex digits")]
    [InlineData("00000000000000000000", "no certificate in the inventory matches '00000000000000000000'; see 'certwright list'")]
    [InlineData("not-a-fingerprint", "'not-a-fingerprint' is not a certificate fingerprint or serial number")]
    public async Task Show_UnusableInput_FailsWithOneLineError(string key, string message)
    {
        await ImportLeafTwiceAsync();

        var run = await _session.RunAsync("show", key);

        run.ExpectExit(1).ExpectOneLineError(message);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task Show_SerialSharedByTwoCertificates_IsAmbiguous()
    {
        byte[] serial = [0x7A, 0x11, 0xCE, 0x05];
        using var first = WithSerial("first.example.test", serial);
        using var second = WithSerial("second.example.test", serial);
        _session.Work.WritePem("same-serial/both.pem", first, second);
        (await _session.RunAsync("import", _session.Work.File("same-serial"))).ExpectExit(0);

        var ambiguous = await _session.RunAsync("show", "7a:11:ce:05");
        var exact = await _session.RunAsync("show", first.Sha256[..10], "--json");

        ambiguous.ExpectExit(1).ExpectOneLineError("'7a:11:ce:05' matches 2 certificates; give more digits of the SHA-256 fingerprint");
        Assert.Equal("7A11CE05", exact.ExpectExit(0).Json("certificate").Str("serialNumber"));
    }

    [Fact]
    public async Task Show_Pem_RoundTripsThroughOpenssl()
    {
        await ImportLeafTwiceAsync();

        var run = (await _session.RunAsync("show", _leaf.Sha256[..12], "--pem")).ExpectExit(0);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", run.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("-----END CERTIFICATE-----\n", run.StandardOutput, StringComparison.Ordinal);
        var printed = _session.Work.Write("printed.pem", run.StandardOutput);
        var der = _session.Work.File("printed.der");
        await OpenSsl.RunAsync("x509", "-in", printed, "-outform", "DER", "-out", der);
        Assert.Equal(_leaf.Der, await File.ReadAllBytesAsync(der));
        var fingerprint = await OpenSsl.RunAsync("x509", "-in", printed, "-noout", "-fingerprint", "-sha256");
        Assert.Equal($"sha256 Fingerprint={Colons(_leaf.Sha256).ToUpperInvariant()}", fingerprint.Trim());
    }

    [Fact]
    public async Task Show_Json_HasTheDetailFieldsAndSightings()
    {
        var (pem, der) = await ImportLeafTwiceAsync();

        var json = (await _session.RunAsync("show", _leaf.Sha256, "--json")).ExpectExit(0).Json("certificate");

        Assert.Equal(3, json.Int("version"));
        Assert.Equal(_leaf.Sha256, json.Str("sha256"));
        Assert.Equal(Sha1, json.Str("sha1"));
        Assert.Equal(_leaf.Certificate.SerialNumber, json.Str("serialNumber"));
        Assert.Equal("CN=svc.example.test", json.Str("subject"));
        Assert.Equal("CN=Show Root", json.Str("issuer"));
        Assert.Equal(JsonAssert.Format(_leaf.Certificate.NotBefore.ToUniversalTime()), json.Str("notBefore"));
        Assert.Equal(JsonAssert.Format(_leaf.Certificate.NotAfter.ToUniversalTime()), json.Str("notAfter"));
        Assert.Equal(45, json.Int("daysLeft"));
        Assert.Equal(["DNS:svc.example.test", "DNS:www.svc.example.test", "IP:127.0.0.1"], json.Strings("subjectAlternativeNames"));
        var key = json.GetProperty("publicKey");
        Assert.Equal(("ec", 256, "P-256", "1.2.840.10045.2.1"), (key.Str("algorithm"), key.Int("bits"), key.Str("parameters"), key.Str("oid")));
        Assert.Equal(("ecdsa-with-SHA256", "1.2.840.10045.4.3.2"), (json.Str("signatureAlgorithm"), json.Str("signatureAlgorithmOid")));
        Assert.Equal(["digitalSignature", "keyEncipherment"], json.Strings("keyUsage"));
        Assert.Equal(["serverAuth", "clientAuth"], json.Strings("extendedKeyUsage"));
        var constraints = json.GetProperty("basicConstraints");
        Assert.Equal((false, true), (constraints.Bool("ca"), constraints.Bool("critical")));
        Assert.False(json.Bool("selfSigned"));
        Assert.Equal(
            ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.35", "2.5.29.37"],
            json.Array("extensions").Select(e => e.Str("oid")).Order(StringComparer.Ordinal));

        var sightings = json.Array("sightings").OrderBy(s => s.Str("address"), StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [("file", pem, "default", 0), ("file", der, "team-b", 0)],
            sightings.Select(s => (s.Str("kind"), s.Str("address"), s.Str("namespace"), s.Int("position"))));
        Assert.All(sightings, s => Assert.Null(s.OptionalStr("serverName")));
        Assert.All(sightings, s => Assert.False(s.Bool("currentEndpointLeaf")));
        Assert.All(sightings, s => Assert.InRange(s.Time("firstSeen"), DateTimeOffset.UtcNow.AddMinutes(-5), s.Time("lastSeen")));
    }

    /// <summary>Imports the leaf as PEM (namespace default) and as DER (namespace team-b); returns both paths.</summary>
    private async Task<(string Pem, string Der)> ImportLeafTwiceAsync()
    {
        var pem = _session.Work.WritePem("a/leaf.pem", _leaf);
        var der = _session.Work.WriteDer("b/leaf.der", _leaf);
        (await _session.RunAsync("import", pem)).ExpectExit(0);
        (await _session.RunAsync("import", der, "--namespace", "team-b")).ExpectExit(0);
        return (pem, der);
    }

    private static string Colons(string hex) => string.Join(':', hex.Chunk(2).Select(c => new string(c)));

    private static TestCertificate WithSerial(string commonName, byte[] serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var name = new X500DistinguishedName($"CN={commonName}");
        return new TestCertificate(request.Create(name, X509SignatureGenerator.CreateForECDsa(key), DateTimeOffset.UtcNow.AddDays(-1), Expiry.InDays(30), serial));
    }
}
