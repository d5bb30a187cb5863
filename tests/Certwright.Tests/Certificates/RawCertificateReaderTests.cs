using System.Text;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class RawCertificateReaderTests
{
    [Fact]
    public async Task Read_PemWithTrustedAndPkcs7Blocks_ReturnsEveryCertificateUndecoded()
    {
        using var dir = new TempDirectory();
        using var a = TestPki.CreateRoot("Raw A");
        using var b = TestPki.CreateRoot("Raw B");
        using var c = TestPki.CreateRoot("Raw C");
        var bPath = dir.Write("b.pem", b.CertificatePem);
        var trusted = await OpenSsl.RunAsync("x509", "-in", bPath, "-addtrust", "serverAuth", "-setalias", "b-alias");
        var p7 = await OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", dir.Write("c.pem", c.CertificatePem));
        var text = "# bundle\n" + a.CertificatePem + trusted + p7
            + "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"
            + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        var problems = new List<string>();

        var certificates = RawCertificateReader.Read(Encoding.ASCII.GetBytes(text), problems);

        Assert.Equal([a.Der, b.Der, c.Der], certificates);
        var problem = Assert.Single(problems);
        Assert.StartsWith("PEM block 4 (CERTIFICATE) at line ", problem, StringComparison.Ordinal);
        Assert.EndsWith(": the base64 text is invalid", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_DerAndPkcs7Files_ReturnsTheirCertificates()
    {
        using var dir = new TempDirectory();
        using var a = TestPki.CreateRoot("Raw A");
        using var b = TestPki.CreateRoot("Raw B");
        var pem = dir.Write("ab.pem", a.CertificatePem + b.CertificatePem);
        var p7b = dir.File("ab.p7b");
        await OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", pem, "-outform", "DER", "-out", p7b);
        var problems = new List<string>();

        var fromDer = RawCertificateReader.Read([.. a.Der, .. b.Der, (byte)'\n'], problems);
        var fromPkcs7 = RawCertificateReader.Read(await File.ReadAllBytesAsync(p7b), problems);

        Assert.Equal([a.Der, b.Der], fromDer);
        Assert.Equal([a.Der, b.Der], fromPkcs7);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_TruncatedDer_ReportsWhatWasReadAndWhy()
    {
        using var a = TestPki.CreateRoot("Raw A");
        var problems = new List<string>();

        var certificates = RawCertificateReader.Read([.. a.Der, .. a.Der.AsSpan(0, 40)], problems);

        Assert.Equal([a.Der], certificates);
        Assert.StartsWith("DER certificate 2 is truncated or malformed: ", Assert.Single(problems), StringComparison.Ordinal);
    }
}
