using System.Security.Cryptography;
using Certwright.Certificates;

namespace Certwright.Tests.Certificates;

/// <summary>Every field the openssl CLI shows, compared with what the parser read from the same file.</summary>
public sealed class CertificateParserOracleTests(OpensslOracleFixture fixture) : IClassFixture<OpensslOracleFixture>
{
    public static TheoryData<string> AllCases => [.. OpensslOracleFixture.OpensslCases, .. OpensslOracleFixture.RawCases];

    public static TheoryData<string> OpensslCases => [.. OpensslOracleFixture.OpensslCases];

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Parse_Certificate_AgreesWithOpenssl(string name)
    {
        var path = fixture.PathOf(name);
        var expected = await OpensslCertificateView.ReadAsync(path);

        var record = Parse(path);

        Assert.Equal(expected.Sha256, record.Sha256);
        Assert.Equal(expected.Serial, record.SerialNumber);
        Assert.Equal(expected.Subject, record.Subject);
        Assert.Equal(expected.Issuer, record.Issuer);
        Assert.Equal(expected.NotBefore, record.NotBefore);
        Assert.Equal(expected.NotAfter, record.NotAfter);
        Assert.Equal(expected.SignatureAlgorithm, record.SignatureAlgorithm);
        Assert.Equal(expected.SubjectAlternativeNames, record.SubjectAlternativeNames.Select(s => s.ToString()));
        Assert.Equal(expected.SubjectKeyId, record.SubjectKeyId);
        Assert.Equal(expected.AuthorityKeyId, record.AuthorityKeyId);
        Assert.Equal(expected.OcspUrls, record.OcspUrls);
        Assert.Equal(expected.CaIssuerUrls, record.CaIssuerUrls);
        Assert.Equal(expected.CrlUrls, record.CrlDistributionPoints);
        Assert.Equal(expected.BasicConstraints, FormatLikeOpenssl(record.BasicConstraints));
        if (expected.KeyBits is not null)
        {
            Assert.Equal(expected.KeyBits, record.PublicKey.SizeBits);
        }

        if (expected.Curve is not null)
        {
            Assert.Equal(expected.Curve, record.PublicKey.Parameters);
        }
    }

    [Theory]
    [InlineData("ec-p256-rich", "EC P-256", "ecdsa-with-SHA256")]
    [InlineData("ec-p384", "EC P-384", "ecdsa-with-SHA384")]
    [InlineData("ec-p521", "EC P-521", "ecdsa-with-SHA512")]
    [InlineData("ec-secp256k1", "EC secp256k1", "ecdsa-with-SHA256")]
    [InlineData("ec-brainpool", "EC brainpoolP256r1", "ecdsa-with-SHA256")]
    [InlineData("rsa2048", "RSA 2048", "sha256WithRSAEncryption")]
    [InlineData("rsa1024-md5", "RSA 1024", "md5WithRSAEncryption")]
    [InlineData("rsa1024-sha1", "RSA 1024", "sha1WithRSAEncryption")]
    [InlineData("rsa-pss", "RSA 2048", "rsassaPss")]
    [InlineData("ed25519", "Ed25519", "ED25519")]
    [InlineData("ed448", "Ed448", "ED448")]
    [InlineData("dsa", "DSA 1024", "dsa_with_SHA256")]
    public void Parse_KeyTypes_DescribesKeyAndSignature(string name, string key, string signature)
    {
        var record = Parse(fixture.PathOf(name));

        Assert.Equal(key, record.PublicKey.ToString());
        Assert.Equal(signature, record.SignatureAlgorithm);
    }

    [Fact]
    public void Parse_RichLeaf_ReadsUsagesAndNames()
    {
        var record = Parse(fixture.PathOf("ec-p256-rich"));

        Assert.Equal(KeyUsageBits.DigitalSignature | KeyUsageBits.KeyEncipherment, record.KeyUsage);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], record.ExtendedKeyUsages);
        Assert.Equal("a.example", record.CommonName);
        Assert.Equal("CN=a.example,OU=Ops\\+Dev,O=Example\\, Inc.,L=Berlin,ST=Berlin,C=DE", record.Subject);
        Assert.True(record.IsSelfSigned);
    }

    [Fact]
    public void Parse_LeafOfCa_IsNotSelfSignedAndPointsAtCa()
    {
        var ca = Parse(fixture.PathOf("ca"));
        var leaf = Parse(fixture.PathOf("leaf-of-ca"));

        Assert.True(ca.IsSelfSigned);
        Assert.False(leaf.IsSelfSigned);
        Assert.Equal(ca.SubjectKeyId, leaf.AuthorityKeyId);
        Assert.Equal(ca.Subject, leaf.Issuer);
        Assert.Equal("CN=Oracle CA,O=Oracle Org,C=DE", leaf.Issuer);
    }

    [Fact]
    public void Parse_OddNames_EscapesAsRfc4514()
    {
        var record = Parse(fixture.PathOf("odd-names"));

        Assert.Equal("CN=ctl\\01char,CN=#0303000102,1.2.3.4.5=#0C0C756E6B6E6F776E2074797065,CN=multi+OU=a=b\\\\c,O=\\ lead and trail\\ ,C=DE", record.Subject);
        Assert.Equal("ctl\u0001char", record.CommonName);
    }

    private static CertificateRecord Parse(string pemPath)
    {
        var der = PemEncoding.Find(File.ReadAllText(pemPath)) is var fields
            ? Convert.FromBase64String(File.ReadAllText(pemPath)[fields.Base64Data])
            : throw new InvalidOperationException();
        return CertificateParser.Parse(der);
    }

    private static string? FormatLikeOpenssl(BasicConstraintsInfo? constraints) => constraints is null
        ? null
        : (constraints.IsCertificateAuthority ? "CA:TRUE" : "CA:FALSE")
            + (constraints.PathLengthConstraint is { } length ? $", pathlen:{length}" : "")
            + (constraints.IsCritical ? "\ncritical" : "");
}
