using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Validation.Internal;

namespace Certwright.Tests.Validation;

/// <summary>
/// The validator reads certificates with the inventory's decoder: where that decoder is lenient (BER), the
/// validator still reads the certificate but reports what RFC 5280 forbids as nonconforming-certificate.
/// </summary>
public sealed class ParsedCertificateFactoryTests
{
    [Theory]
    [InlineData(KeyKind.EcP256)]
    [InlineData(KeyKind.Rsa2048)]
    [InlineData(KeyKind.Ed25519)]
    [InlineData(KeyKind.MlDsa65)]
    public void Create_SameCertificate_AgreesWithTheInventoryRecord(KeyKind kind)
    {
        var root = Pki.Root("C=DE, O=Acme, CN=Acme Root", kind: kind);
        var leaf = Pki.Leaf(root, "www.example.com", kind: kind, tweak: s => s.Subject = Der.Name("C=DE, O=Acme, OU=Web, CN=www.example.com"));

        var parsed = ParsedCertificateFactory.Create(leaf.Der);
        var record = CertificateRecord.FromDer(leaf.Der);

        Assert.Equal(record.Subject, parsed.Subject.ToString());
        Assert.Equal(record.Issuer, parsed.Issuer.ToString());
        Assert.Equal("CN=www.example.com,OU=Web,O=Acme,C=DE", parsed.Subject.ToString());
        Assert.Equal(record.PublicKey, parsed.PublicKey);
        Assert.Equal(record.KeyUsage, parsed.KeyUsage);
        Assert.Equal(record.BasicConstraints, parsed.BasicConstraints);
        Assert.Equal(record.ExtendedKeyUsages, parsed.ExtendedKeyUsage);
        Assert.Equal(record.SubjectKeyId, Convert.ToHexStringLower(parsed.SubjectKeyId!));
        Assert.Equal(record.AuthorityKeyId, Convert.ToHexStringLower(parsed.AuthorityKeyId!.KeyId!));
        Assert.Equal(record.Extensions, parsed.Extensions.All);
        Assert.Equal((record.NotBefore, record.NotAfter, record.Version), (parsed.NotBefore, parsed.NotAfter, parsed.Version));
        Assert.Equal(record.Sha256, parsed.Sha256);
        Assert.Empty(parsed.Defects);
    }

    [Fact]
    public void Create_BerBooleanInExtensionHeader_ReadAndFlaggedNotDer()
    {
        var root = Pki.Root();
        var leaf = BerCriticalFlag(Pki.Leaf(root), root.Key);

        var parsed = ParsedCertificateFactory.Create(leaf.Der);

        var defect = Assert.Single(parsed.Defects);
        Assert.Equal(FindingCodes.NonconformingCertificate, defect.Code);
        Assert.StartsWith("is not DER-encoded (extensions: ", defect.Message, StringComparison.Ordinal);
        Assert.EndsWith("); RFC 5280 4.1 requires DER", defect.Message, StringComparison.Ordinal);
        Assert.True(parsed.BasicConstraints!.IsCritical);
        Assert.Equal("CN=example.com", parsed.Subject.ToString());
    }

    [Fact]
    public void Validate_BerBooleanInExtensionHeader_InventoryReadsItValidatorRejectsIt()
    {
        var root = Pki.Root();
        var leaf = BerCriticalFlag(Pki.Leaf(root), root.Key);

        var record = CertificateRecord.FromDer(leaf.Der);
        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal(new BasicConstraintsInfo(false, null, true), record.BasicConstraints);
        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
        Assert.StartsWith("'CN=example.com' (sha256 ", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains(": is not DER-encoded (extensions: ", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal([leaf.Sha256, root.Sha256], result.Path.Select(e => e.Sha256));
    }

    [Fact]
    public void Validate_UtcTimeWithoutSeconds_InventoryReadsItValidatorRejectsIt()
    {
        var root = Pki.Root();
        var leaf = TbsEditor.Resign(Pki.Leaf(root), root.Key, fields => fields[4] =
        [
            0x30, 0x1C,
            0x17, 0x0B, .. "2501010000Z"u8,
            0x17, 0x0D, .. "350101000000Z"u8,
        ]);

        var record = CertificateRecord.FromDer(leaf.Der);
        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), record.NotBefore);
        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
        var messages = string.Join("\n", result.Errors.Select(e => e.Message));
        Assert.Contains("is not DER-encoded (validity: ", messages, StringComparison.Ordinal);
        Assert.Contains("its notBefore UTCTime '2501010000Z' is not YYMMDDHHMMSSZ (RFC 5280 4.1.2.5.1)", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GeneralizedTimeWithFraction_DerButNotRfc5280()
    {
        var root = Pki.Root();
        var leaf = TbsEditor.Resign(Pki.Leaf(root), root.Key, fields => fields[4] =
        [
            0x30, 0x24,
            0x18, 0x11, .. "20250101000000.5Z"u8,
            0x18, 0x0F, .. "20350101000000Z"u8,
        ]);

        var parsed = ParsedCertificateFactory.Create(leaf.Der);
        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal("its notBefore GeneralizedTime '20250101000000.5Z' is not YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5.2)", Assert.Single(parsed.Defects).Message);
        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
    }

    [Fact]
    public void Create_Version1WithExtensions_InventoryListsThemValidatorFlagsThem()
    {
        var root = Pki.Root();
        var leaf = TbsEditor.Resign(Pki.Leaf(root), root.Key, fields => fields.RemoveAt(0));

        var record = CertificateRecord.FromDer(leaf.Der);
        var parsed = ParsedCertificateFactory.Create(leaf.Der);

        Assert.Equal(1, record.Version);
        Assert.NotEmpty(record.Extensions);
        Assert.Equal(["a v1 certificate carries extensions (RFC 5280 4.1.2.9)"], parsed.Defects.Select(d => d.Message));
    }

    [Fact]
    public void Create_NotACertificateEvenAsBer_Throws()
    {
        var error = Assert.Throws<CertificateFormatException>(() => ParsedCertificateFactory.Create([0x30, 0x03, 0x02, 0x01, 0x01]));

        Assert.StartsWith("not a DER X.509 certificate: tbsCertificate: ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Re-signs the certificate with each critical BOOLEAN written as BER 0x01 instead of DER 0xFF.</summary>
    private static TestCert BerCriticalFlag(TestCert certificate, TestKey issuerKey) =>
        TbsEditor.Resign(certificate, issuerKey, fields =>
        {
            var extensions = fields[^1];
            for (var i = 0; i + 2 < extensions.Length; i++)
            {
                if (extensions[i] == 0x01 && extensions[i + 1] == 0x01 && extensions[i + 2] == 0xFF && extensions[i - 5] == 0x06)
                {
                    extensions[i + 2] = 0x01;
                }
            }
        });
}
