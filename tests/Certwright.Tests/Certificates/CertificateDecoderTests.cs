using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class CertificateDecoderTests
{
    [Fact]
    public void Decode_TestPkiLeaf_LocatesEveryFieldThePlatformSees()
    {
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, "api.example.com", ["api.example.com"], [IPAddress.Parse("192.0.2.9")]);
        var der = leaf.Der;
        var section = "certificate";

        var structure = CertificateDecoder.Decode(der, AsnEncodingRules.DER, ref section);

        var certificate = leaf.Certificate;
        Assert.Equal(3, structure.Version);
        Assert.Equal(certificate.SubjectName.RawData, structure.Subject.Of(der.AsSpan()).ToArray());
        Assert.Equal(certificate.IssuerName.RawData, structure.Issuer.Of(der.AsSpan()).ToArray());
        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), structure.SubjectPublicKeyInfo.Of(der.AsSpan()).ToArray());
        Assert.Equal(certificate.SerialNumberBytes.ToArray(), structure.SerialNumber.Of(der.AsSpan()).ToArray());
        Assert.Equal(certificate.NotAfter.ToUniversalTime(), structure.NotAfter.UtcDateTime);
        Assert.Equal("ecdsa-with-SHA256", structure.SignatureAlgorithmOid.Display);
        Assert.True(structure.SignatureAlgorithm.Of(der.AsSpan()).SequenceEqual(structure.TbsSignatureAlgorithm.Of(der.AsSpan())));

        // The TBS and signature segments are exactly what the issuer signed.
        var signature = AsnDecoder.ReadBitString(structure.SignatureValue.Of(der.AsSpan()), AsnEncodingRules.DER, out _, out _);
        using var issuerKey = root.Certificate.GetECDsaPublicKey()!;
        Assert.True(issuerKey.VerifyData(structure.Tbs.Of(der.AsSpan()), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var extensions = new List<(string, bool)>();
        var list = structure.EnumerateExtensions(der);
        while (list.MoveNext())
        {
            extensions.Add((list.Oid.Dotted, list.IsCritical));
        }

        Assert.Equal(certificate.Extensions.Select(e => (e.Oid!.Value!, e.Critical)), extensions);
    }

    [Fact]
    public void Decode_BerBooleanInExtension_OutlineReadsUnderBothRulesButTheListOnlyUnderBer()
    {
        var builder = new RawCertificateBuilder { CriticalEncodingOverride = [0x01, 0x01, 0x01] };
        builder.AddExtension("2.5.29.19", true, [0x30, 0x03, 0x01, 0x01, 0xFF]);
        var der = builder.Build();
        var section = "certificate";

        var ber = CertificateDecoder.Decode(der, AsnEncodingRules.BER, ref section);
        var strict = CertificateDecoder.Decode(der, AsnEncodingRules.DER, ref section);

        var lenient = ber.EnumerateExtensions(der);
        Assert.True(lenient.MoveNext());
        Assert.True(lenient.IsCritical);
        Assert.Throws<AsnContentException>(() =>
        {
            var list = strict.EnumerateExtensions(der);
            list.MoveNext();
        });
    }

    [Fact]
    public void Decode_UtcTimeWithoutSeconds_LenientUnderBerRejectedUnderDer()
    {
        var der = new RawCertificateBuilder { NotBefore = w => w.WriteEncodedValue([0x17, 0x0B, .. "2501010930Z"u8]) }.Build();
        var section = "certificate";

        var structure = CertificateDecoder.Decode(der, AsnEncodingRules.BER, ref section);

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 30, 0, TimeSpan.Zero), structure.NotBefore);
        Assert.Equal([0x17, 0x0B, .. "2501010930Z"u8], structure.NotBeforeEncoded.Of(der.AsSpan()).ToArray());
        section = "certificate";
        Assert.Throws<AsnContentException>(() => CertificateDecoder.Decode(der, AsnEncodingRules.DER, ref section));
        Assert.Equal("validity", section);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 30, 0, TimeSpan.Zero), CertificateRecord.FromDer(der).NotBefore);
    }

    [Fact]
    public void Decode_TrailingData_NamesTheSection()
    {
        using var root = TestPki.CreateRoot();
        byte[] der = [.. root.Der, 0x05, 0x00];
        var section = "certificate";

        var error = Assert.Throws<AsnContentException>(() => CertificateDecoder.Decode(der, AsnEncodingRules.BER, ref section));

        Assert.Equal("certificate", section);
        Assert.Equal("2 unexpected bytes after the last field", error.Message);
    }
}
