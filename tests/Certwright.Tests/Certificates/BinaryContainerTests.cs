using Certwright.Certificates;
using Certwright.Policy;
using static Certwright.Tests.Certificates.ContainerTestHelpers;

namespace Certwright.Tests.Certificates;

[Collection(ContainerArtefactsCollection.Name)]
public sealed class BinaryContainerTests(ContainerArtefacts files)
{
    [Fact]
    public void Read_DerCertificate_OneCertificate()
    {
        var result = Read(files["leaf.der"]);

        Assert.Equal(ContainerFormat.Der, result.Format);
        Assert.Equal([(Sha256Of(files["leaf.pem"]), 0, (string?)null, false)], Summary(result));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_ConcatenatedDerWithTrailingNewline_ReadsBoth()
    {
        byte[] bytes = [.. File.ReadAllBytes(files["leaf.der"]), .. File.ReadAllBytes(files["ca.der"]), (byte)'\n'];

        var result = new CertificateContainerReader().Read("two.der", bytes);

        Assert.Equal([Sha256Of(files["leaf.pem"]), Sha256Of(files["ca.pem"])], result.Certificates.Select(c => c.Certificate.Sha256));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_TruncatedDer_CorruptCertificate()
    {
        var bytes = File.ReadAllBytes(files["leaf.der"]);

        var result = new CertificateContainerReader().Read("cut.der", bytes.AsMemory(0, bytes.Length - 10));

        Assert.Equal(ContainerFormat.Der, result.Format);
        Assert.Empty(result.Certificates);
        Assert.Equal([FindingCodes.CorruptCertificate], Codes(result));
        Assert.StartsWith("cut.der: DER certificate 1 is truncated or malformed: ", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DerWithGarbageAfter_KeepsCertificateReportsGarbage()
    {
        byte[] bytes = [.. File.ReadAllBytes(files["leaf.der"]), 0xDE, 0xAD];

        var result = new CertificateContainerReader().Read("tail.der", bytes);

        Assert.Single(result.Certificates);
        Assert.Equal("tail.der: 2 bytes of unrecognised data after DER certificate 1", Assert.Single(result.Problems).Message);
    }

    [Theory]
    [InlineData("request.csr.der", "a certificate signing request (PKCS#10)")]
    [InlineData("ca.crl.der", "a certificate revocation list (CRL)")]
    public void Read_OtherDerStructures_UnsupportedFormatNamingThem(string name, string what)
    {
        var result = Read(files[name]);

        Assert.Equal(ContainerFormat.Unknown, result.Format);
        Assert.Empty(result.Certificates);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.UnsupportedFormat, problem.Code);
        Assert.Equal($"{files[name]}: DER structure 1 is {what}, not a certificate", problem.Message);
    }

    [Fact]
    public void Read_Pkcs7Der_ReadsEveryCertificate()
    {
        var result = Read(files["bundle.p7b.der"]);

        Assert.Equal(ContainerFormat.Pkcs7, result.Format);
        Assert.Equal(
            new[] { Sha256Of(files["leaf.pem"]), Sha256Of(files["ca.pem"]) }.Order(),
            result.Certificates.Select(c => c.Certificate.Sha256).Order());
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_TruncatedPkcs7_CorruptCertificate()
    {
        var bytes = File.ReadAllBytes(files["bundle.p7b.der"]);

        var result = new CertificateContainerReader().Read("cut.p7b", bytes.AsMemory(0, bytes.Length / 2));

        Assert.Equal(ContainerFormat.Pkcs7, result.Format);
        Assert.Equal([FindingCodes.CorruptCertificate], Codes(result));
        Assert.StartsWith("cut.p7b: PKCS#7 structure is malformed: ", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Read_EmptyOrBlank_UnsupportedFormat(int blanks)
    {
        var result = new CertificateContainerReader().Read("empty.pem", new byte[blanks].Select(_ => (byte)' ').ToArray());

        Assert.Equal("empty.pem: the file is empty", Assert.Single(result.Problems).Message);
        Assert.Equal(FindingCodes.UnsupportedFormat, result.Problems[0].Code);
    }

    [Fact]
    public void Read_RandomJunkAndText_UnsupportedFormat()
    {
        var junk = new byte[64 * 1024];
        new Random(7).NextBytes(junk);
        junk[0] = 0x7F;

        var binary = new CertificateContainerReader().Read("junk.bin", junk);
        var text = new CertificateContainerReader().Read("notes.txt", "0 certificates here\n-----BEGIN nothing"u8.ToArray());

        Assert.Equal([FindingCodes.UnsupportedFormat], Codes(binary));
        Assert.Equal("junk.bin: not a certificate file (no PEM block, DER certificate, PKCS#7, PKCS#12 or Java keystore)", binary.Problems[0].Message);
        Assert.Equal(ContainerFormat.Pem, text.Format);
        Assert.Empty(text.Certificates);
    }

    [Fact]
    public async Task ReadFileAsync_OverLimit_FileTooLargeWithoutReading()
    {
        var result = await new CertificateContainerReader().ReadFileAsync(files["bundle.pem"], maxFileSize: 100);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(FindingCodes.FileTooLarge, problem.Code);
        Assert.Equal($"{files["bundle.pem"]}: {new FileInfo(files["bundle.pem"]).Length} bytes is over the 100-byte limit; not read (raise the limit if it really holds certificates)", problem.Message);
    }

    [Fact]
    public async Task ReadFileAsync_Missing_UnreadableFile()
    {
        var path = Path.Combine(files.Directory, "does-not-exist.pem");

        var result = await new CertificateContainerReader().ReadFileAsync(path);

        Assert.Equal([FindingCodes.UnreadableFile], Codes(result));
        Assert.StartsWith($"{path}: cannot read: ", result.Problems[0].Message, StringComparison.Ordinal);
    }
}
