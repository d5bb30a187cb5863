using System.Diagnostics;
using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Tests.TestSupport;
using static Certwright.Tests.Certificates.ContainerTestHelpers;

namespace Certwright.Tests.Certificates;

[Collection(ContainerArtefactsCollection.Name)]
public sealed class PemContainerTests(ContainerArtefacts files)
{
    [Fact]
    public void Read_SinglePem_OneCertificateNoProblems()
    {
        var result = Read(files["leaf.pem"]);

        Assert.Equal(ContainerFormat.Pem, result.Format);
        Assert.Equal([(Sha256Of(files["leaf.pem"]), 0, (string?)null, false)], Summary(result));
        Assert.Empty(result.Problems);
        Assert.False(result.ContainsPrivateKey);
        Assert.Equal("CN=leaf.example", result.Certificates[0].Certificate.Subject);
    }

    [Fact]
    public void Read_BundleWithKeysTextAndCrlf_FindsCertificatesInOrderAndNotesKey()
    {
        var text = "Leaf and chain for leaf.example\r\n\r\n"
            + File.ReadAllText(files["encrypted.key"]).ReplaceLineEndings("\r\n")
            + File.ReadAllText(files["leaf.pem"]).ReplaceLineEndings("\r\n")
            + "  subject=CN=Artefacts Root CA  \r\n"
            + File.ReadAllText(files["traditional.key"])
            + "\t" + File.ReadAllText(files["ca.pem"]).ReplaceLineEndings("\r\n") + "trailing words";

        var result = ReadText(text);

        Assert.Equal(
            [(Sha256Of(files["leaf.pem"]), 0, (string?)null, true), (Sha256Of(files["ca.pem"]), 1, null, false)],
            Summary(result));
        Assert.True(result.ContainsPrivateKey);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_KeyOnlyFile_NoCertificatesNoProblemsButKeyNoted()
    {
        var result = Read(files["leaf.key"]);

        Assert.Equal(ContainerFormat.Pem, result.Format);
        Assert.Empty(result.Certificates);
        Assert.Empty(result.Problems);
        Assert.True(result.ContainsPrivateKey);
    }

    [Fact]
    public void Read_TrustedCertificate_ReadsCertificateAndAlias()
    {
        var result = Read(files["trusted.pem"]);

        Assert.Equal([(Sha256Of(files["ca.pem"]), 0, "My Root", false)], Summary(result));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_Pkcs7Pem_ReadsEveryCertificate()
    {
        var result = Read(files["bundle.p7b"]);

        Assert.Equal(ContainerFormat.Pem, result.Format);
        Assert.Equal(
            new[] { Sha256Of(files["leaf.pem"]), Sha256Of(files["ca.pem"]) }.Order(),
            result.Certificates.Select(c => c.Certificate.Sha256).Order());
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_BrokenBlocksAmongGoodOnes_ReportsEachWithLineAndKeepsTheRest()
    {
        var leaf = File.ReadAllText(files["leaf.pem"]);
        var ca = File.ReadAllText(files["ca.pem"]);
        var truncatedDer = leaf.Replace("-----END CERTIFICATE-----", "", StringComparison.Ordinal);
        var lines = leaf.Split('\n');
        var badBase64 = string.Join('\n', lines[0], "!!!not base64!!!", lines[^2], "");
        var text = leaf + badBase64 + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" + truncatedDer + ca;

        var result = ReadText(text, "mixed.pem");

        Assert.Equal([Sha256Of(files["leaf.pem"]), Sha256Of(files["ca.pem"])], result.Certificates.Select(c => c.Certificate.Sha256));
        Assert.Equal([FindingCodes.CorruptCertificate, FindingCodes.CorruptCertificate, FindingCodes.CorruptCertificate], Codes(result));
        var leafLines = leaf.Count(c => c == '\n');
        Assert.Equal($"mixed.pem: PEM block 2 (CERTIFICATE) at line {leafLines + 1}: the base64 text is invalid", result.Problems[0].Message);
        Assert.StartsWith($"mixed.pem: PEM block 3 (CERTIFICATE) at line {leafLines + 4}: not a valid X.509 certificate: ", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal($"mixed.pem: PEM block 4 (CERTIFICATE) at line {leafLines + 7}: no matching END line", result.Problems[2].Message);
        Assert.All(result.Problems, p => Assert.Equal("mixed.pem", p.Subject));
        Assert.All(result.Problems, p => Assert.Equal(Severity.Warning, p.Severity));
    }

    [Fact]
    public void Read_UnrelatedBlocks_AreIgnored()
    {
        var text = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
            + "-----BEGIN not a header\n" + File.ReadAllText(files["ca.pem"]);

        var result = ReadText(text);

        Assert.Equal([Sha256Of(files["ca.pem"])], result.Certificates.Select(c => c.Certificate.Sha256));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_TenThousandCertificates_AllInOrder()
    {
        var distinct = Enumerable.Range(0, 10)
            .Select(i => new RawCertificateBuilder { Serial = [0x10, (byte)i] }.Build())
            .ToArray();
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("# certificate ").Append(i).Append('\n');
            builder.Append(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", distinct[i % 10])).Append('\n');
        }

        var bytes = System.Text.Encoding.ASCII.GetBytes(builder.ToString());
        var stopwatch = Stopwatch.StartNew();
        var result = new CertificateContainerReader().Read("big.pem", bytes);
        stopwatch.Stop();

        Assert.Equal(10_000, result.Certificates.Count);
        Assert.Equal(Enumerable.Range(0, 10_000), result.Certificates.Select(c => c.Position));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $"10{i % 10:X2}"), result.Certificates.Select(c => c.Certificate.SerialNumber));
        Assert.Empty(result.Problems);

        // Printed for the record (no timing assertion): linear reading keeps this in the tens of milliseconds.
        Console.WriteLine($"10,000-certificate PEM ({bytes.Length / 1024} KiB) read in {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Read_ManyBeginLinesWithoutEnd_StaysLinearAndReportsEach()
    {
        var text = string.Concat(Enumerable.Repeat("-----BEGIN CERTIFICATE-----\nAAAA\n", 20_000));

        var result = ReadText(text);

        Assert.Empty(result.Certificates);
        Assert.Equal(20_000, result.Problems.Count);
        Assert.EndsWith("PEM block 20000 (CERTIFICATE) at line 39999: no matching END line", result.Problems[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RecordsDoNotAliasTheInputBuffer()
    {
        var bytes = File.ReadAllBytes(files["bundle.pem"]);
        var result = new CertificateContainerReader().Read("bundle.pem", bytes);
        var before = result.Certificates.Select(c => c.Certificate.Der.ToArray()).ToArray();

        Array.Clear(bytes);

        Assert.Equal(before, result.Certificates.Select(c => c.Certificate.Der.ToArray()));
    }
}
