using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class CertificateParserTests
{
    public static TheoryData<TestKeyType> KeyTypes => [TestKeyType.EcP256, TestKeyType.EcP384, TestKeyType.Rsa2048, TestKeyType.Rsa1024];

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Parse_TestPkiLeaf_MatchesPlatformDecoder(TestKeyType keyType)
    {
        using var root = TestPki.CreateRoot(keyType: keyType);
        using var leaf = TestPki.CreateLeaf(root, "api.example.com", ["api.example.com", "www.example.com"], [IPAddress.Parse("192.0.2.7"), IPAddress.Parse("2001:db8::1")], keyType: keyType, clientAuth: true);

        var record = CertificateParser.Parse(leaf.Der);

        AssertMatchesPlatform(leaf.Certificate, record);
        Assert.Equal("CN=api.example.com", record.Subject);
        Assert.Equal("CN=Certwright Test Root", record.Issuer);
        Assert.Equal("api.example.com", record.CommonName);
        Assert.Equal(
            ["DNS:api.example.com", "DNS:www.example.com", "IP:192.0.2.7", "IP:2001:db8::1"],
            record.SubjectAlternativeNames.Select(s => s.ToString()));
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], record.ExtendedKeyUsages);
        Assert.Equal(KeyUsageBits.DigitalSignature | KeyUsageBits.KeyEncipherment, record.KeyUsage);
        Assert.Equal(new BasicConstraintsInfo(false, null, true), record.BasicConstraints);
        Assert.False(record.IsSelfSigned);
        Assert.False(record.IsCertificateAuthority);
    }

    [Fact]
    public void Parse_Root_IsSelfSignedCaWithPathLength()
    {
        using var root = TestPki.CreateRoot("Root With Path", pathLength: 2);

        var record = CertificateParser.Parse(root.Der);

        AssertMatchesPlatform(root.Certificate, record);
        Assert.True(record.IsSelfSigned);
        Assert.Equal(new BasicConstraintsInfo(true, 2, true), record.BasicConstraints);
        Assert.Equal(KeyUsageBits.KeyCertSign | KeyUsageBits.CrlSign | KeyUsageBits.DigitalSignature, record.KeyUsage);
        Assert.Null(record.AuthorityKeyId);
        Assert.Equal(new PublicKeyDescription(KeyAlgorithm.Ec, 256, "P-256", "1.2.840.10045.2.1"), record.PublicKey);
        Assert.Equal("ecdsa-with-SHA256", record.SignatureAlgorithm);
    }

    [Fact]
    public void Parse_Intermediate_AuthorityKeyIdIsIssuersSubjectKeyId()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);

        var rootRecord = CertificateParser.Parse(root.Der);
        var record = CertificateParser.Parse(intermediate.Der);

        Assert.Equal(rootRecord.SubjectKeyId, record.AuthorityKeyId);
        Assert.NotEqual(record.SubjectKeyId, record.AuthorityKeyId);
        Assert.Equal(new BasicConstraintsInfo(true, 0, true), record.BasicConstraints);
        Assert.False(record.IsSelfSigned);
    }

    [Fact]
    public void Parse_AccessAndCrlExtensions_ListsUrls()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=urls.example, O=Example, C=DE", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(
            ["http://ocsp.example.com", "http://ocsp2.example.com"], ["http://ca.example.com/ca.crt"]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(
            ["http://crl.example.com/a.crl", "ldap://crl.example.com/cn=x"]));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var record = CertificateParser.Parse(certificate.RawData);

        Assert.Equal(["http://ocsp.example.com", "http://ocsp2.example.com"], record.OcspUrls);
        Assert.Equal(["http://ca.example.com/ca.crt"], record.CaIssuerUrls);
        Assert.Equal(["http://crl.example.com/a.crl", "ldap://crl.example.com/cn=x"], record.CrlDistributionPoints);
        // The platform encodes C first; RFC 4514 lists the most specific RDN first, as it was written.
        Assert.Equal("CN=urls.example,O=Example,C=DE", record.Subject);
        Assert.Equal("ecdsa-with-SHA384", record.SignatureAlgorithm);
        Assert.Equal("1.2.840.10045.4.3.3", record.SignatureAlgorithmOid);
        Assert.True(record.IsSelfSigned);
        AssertMatchesPlatform(certificate, record);
    }

    [Theory]
    [InlineData("ML-DSA-44", KeyAlgorithm.MlDsa, 128, "ML-DSA-44", "2.16.840.1.101.3.4.3.17")]
    [InlineData("ML-DSA-65", KeyAlgorithm.MlDsa, 192, "ML-DSA-65", "2.16.840.1.101.3.4.3.18")]
    [InlineData("ML-DSA-87", KeyAlgorithm.MlDsa, 256, "ML-DSA-87", "2.16.840.1.101.3.4.3.19")]
    [InlineData("Ed25519", KeyAlgorithm.Ed25519, 256, null, "1.3.101.112")]
    [InlineData("Ed448", KeyAlgorithm.Ed448, 456, null, "1.3.101.113")]
    public void Parse_BouncyCastleKeyTypes_DescribesKeyAndSignature(string keyType, KeyAlgorithm algorithm, int bits, string? parameters, string oid)
    {
        var der = BcCertificates.Create(keyType);

        var record = CertificateParser.Parse(der);

        Assert.Equal(new PublicKeyDescription(algorithm, bits, parameters, oid), record.PublicKey);
        Assert.Equal(oid, record.SignatureAlgorithmOid);
        Assert.Equal(parameters ?? keyType.ToUpperInvariant(), record.SignatureAlgorithm);
        Assert.Equal("CN=bc.example", record.Subject);
        Assert.True(record.IsSelfSigned);
        Assert.Equal("1234", record.SerialNumber);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, "00")]
    [InlineData(new byte[] { 0x01 }, "01")]
    [InlineData(new byte[] { 0x00, 0x80 }, "80")]
    [InlineData(new byte[] { 0x7F, 0xFF }, "7FFF")]
    [InlineData(new byte[] { 0xFF }, "-01")]
    [InlineData(new byte[] { 0x80 }, "-80")]
    [InlineData(new byte[] { 0xFF, 0x00 }, "-0100")]
    [InlineData(new byte[] { 0xFE, 0xDC, 0xBA }, "-012346")]
    public void FormatSerial_TwosComplement_MatchesOpensslForm(byte[] contents, string expected)
    {
        Assert.Equal(expected, CertificateParser.FormatSerial(contents));
    }

    [Fact]
    public void Parse_VersionOneCertificate_HasNoExtensions()
    {
        var der = new RawCertificateBuilder { Version = 1 }.Build();

        var record = CertificateParser.Parse(der);

        Assert.Equal(1, record.Version);
        Assert.Empty(record.Extensions);
        Assert.Null(record.KeyUsage);
        Assert.Null(record.BasicConstraints);
        Assert.Equal("CN=Raw Subject", record.Subject);
        Assert.Equal("Raw Subject", record.CommonName);
    }

    [Fact]
    public void Parse_GeneralizedTimeAndUtcTimeBoundaries_ReadsBoth()
    {
        var der = new RawCertificateBuilder
        {
            NotBefore = w => w.WriteUtcTime(new DateTimeOffset(1950, 6, 1, 12, 0, 0, TimeSpan.Zero), twoDigitYearMax: 2049),
            NotAfter = w => w.WriteGeneralizedTime(new DateTimeOffset(2051, 2, 3, 4, 5, 6, TimeSpan.Zero), omitFractionalSeconds: true),
        }.Build();

        var record = CertificateParser.Parse(der);

        Assert.Equal(new DateTimeOffset(1950, 6, 1, 12, 0, 0, TimeSpan.Zero), record.NotBefore);
        Assert.Equal(new DateTimeOffset(2051, 2, 3, 4, 5, 6, TimeSpan.Zero), record.NotAfter);
    }

    [Fact]
    public void Parse_BerBooleanTrueAsOne_IsAcceptedAsCritical()
    {
        var builder = new RawCertificateBuilder { CriticalEncodingOverride = [0x01, 0x01, 0x01] };
        builder.AddExtension("2.5.29.19", true, [0x30, 0x03, 0x01, 0x01, 0x01]);

        var record = CertificateParser.Parse(builder.Build());

        Assert.Equal(new BasicConstraintsInfo(true, null, true), record.BasicConstraints);
        Assert.Equal([new ExtensionInfo("2.5.29.19", true)], record.Extensions);
    }

    [Fact]
    public void Parse_UnknownExtensions_ListedWithCriticality()
    {
        var builder = new RawCertificateBuilder();
        builder.AddExtension("1.2.3.4.5", true, [0x05, 0x00]);
        builder.AddExtension("1.3.6.1.4.1.99999.1", false, [0x04, 0x00]);
        builder.AddExtension("2.5.29.14", null, [0x04, 0x02, 0xAB, 0xCD]);

        var record = CertificateParser.Parse(builder.Build());

        Assert.Equal(
            [new ExtensionInfo("1.2.3.4.5", true), new ExtensionInfo("1.3.6.1.4.1.99999.1", false), new ExtensionInfo("2.5.29.14", false)],
            record.Extensions);
        Assert.Equal("abcd", record.SubjectKeyId);
    }

    [Fact]
    public void Parse_DuplicateExtension_IsRejected()
    {
        var builder = new RawCertificateBuilder();
        builder.AddExtension("2.5.29.14", false, [0x04, 0x01, 0x01]);
        builder.AddExtension("2.5.29.14", false, [0x04, 0x01, 0x02]);

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(builder.Build()));

        Assert.Equal("not a valid X.509 certificate: extensions: extension subjectKeyIdentifier appears more than once", error.Message);
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void Parse_ManyDistinctExtensions_AllListed()
    {
        var builder = new RawCertificateBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.AddExtension($"1.2.3.{i}", i % 2 == 0, [0x05, 0x00]);
        }

        builder.AddExtension("1.2.3.7", false, [0x05, 0x00]);

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(builder.Build()));
        Assert.Contains("extension 1.2.3.7 appears more than once", error.Message, StringComparison.Ordinal);
        builder.Extensions.RemoveAt(40);
        Assert.Equal(40, CertificateParser.Parse(builder.Build()).Extensions.Count);
    }

    [Fact]
    public void Parse_MalformedKnownExtension_NamesTheExtension()
    {
        var builder = new RawCertificateBuilder();
        builder.AddExtension("2.5.29.17", false, [0x30, 0x03, 0x82, 0x05, 0x61]);

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(builder.Build()));

        Assert.StartsWith("not a valid X.509 certificate: subjectAltName extension: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SanOfEveryForm_FormatsEach()
    {
        var san = new AsnWriter(AsnEncodingRules.DER);
        using (san.PushSequence())
        {
            san.WriteCharacterString(UniversalTagNumber.IA5String, "svc.example.com", new Asn1Tag(TagClass.ContextSpecific, 2));
            san.WriteOctetString(IPAddress.Parse("2001:db8:0:0:0:0:0:42").GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
            san.WriteOctetString([10, 1, 2, 3], new Asn1Tag(TagClass.ContextSpecific, 7));
            san.WriteCharacterString(UniversalTagNumber.IA5String, "spiffe://example.org/ns/prod/sa/api", new Asn1Tag(TagClass.ContextSpecific, 6));
            san.WriteCharacterString(UniversalTagNumber.IA5String, "ops@example.com", new Asn1Tag(TagClass.ContextSpecific, 1));
            using (san.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                san.WriteObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
                using (san.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    san.WriteCharacterString(UniversalTagNumber.UTF8String, "alice@corp.example");
                }
            }

            using (san.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                san.WriteObjectIdentifier("1.2.3.4");
                using (san.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    san.WriteInteger(5);
                }
            }

            using (san.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4)))
            {
                san.WriteEncodedValue(RawCertificateBuilder.Name(("2.5.4.6", UniversalTagNumber.PrintableString, "DE"), ("2.5.4.3", UniversalTagNumber.UTF8String, "Dir, Name")));
            }

            san.WriteObjectIdentifier("1.2.3.99", new Asn1Tag(TagClass.ContextSpecific, 8));
        }

        var record = CertificateParser.Parse(new RawCertificateBuilder().AddExtension("2.5.29.17", false, san.Encode()).Build());

        Assert.Equal(
            [
                new(SubjectAlternativeNameKind.Dns, "svc.example.com"),
                new(SubjectAlternativeNameKind.IpAddress, "2001:db8::42"),
                new(SubjectAlternativeNameKind.IpAddress, "10.1.2.3"),
                new(SubjectAlternativeNameKind.Uri, "spiffe://example.org/ns/prod/sa/api"),
                new(SubjectAlternativeNameKind.Email, "ops@example.com"),
                new(SubjectAlternativeNameKind.Other, "UPN:alice@corp.example"),
                new(SubjectAlternativeNameKind.Other, "1.2.3.4:#020105"),
                new(SubjectAlternativeNameKind.DirectoryName, "CN=Dir\\, Name,C=DE"),
                new(SubjectAlternativeNameKind.Other, "registeredID:1.2.3.99"),
            ],
            record.SubjectAlternativeNames);
        Assert.Equal("URI:spiffe://example.org/ns/prod/sa/api", record.SubjectAlternativeNames[3].ToString());
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Parse_SctListExtension_CountsTimestamps(int scts, int expected)
    {
        var list = SctList(scts);
        var der = BcCertificates.Create("EC-P256", configure: g => BcCertificates.AddOctetStringExtension(g, "1.3.6.1.4.1.11129.2.4.2", list));

        var record = CertificateParser.Parse(der);

        Assert.Equal(expected, record.SctCount);
        Assert.Contains(new ExtensionInfo("1.3.6.1.4.1.11129.2.4.2", false), record.Extensions);
    }

    [Fact]
    public void CountScts_TruncatedList_CountsOnlyCompleteEntries()
    {
        var list = SctList(3);

        Assert.Equal(3, ExtensionReader.CountScts(list));
        Assert.Equal(2, ExtensionReader.CountScts(list.AsSpan(0, list.Length - 1)));
        Assert.Equal(0, ExtensionReader.CountScts([0x00]));
        Assert.Equal(0, ExtensionReader.CountScts([0xFF, 0xFF, 0x00, 0x10, 0x01]));
    }

    [Fact]
    public void Parse_LongSerial_KeepsEveryByte()
    {
        var serial = Enumerable.Range(1, 40).Select(i => (byte)i).ToArray();
        var record = CertificateParser.Parse(new RawCertificateBuilder { Serial = serial }.Build());

        Assert.Equal(Convert.ToHexString(serial), record.SerialNumber);
    }

    [Fact]
    public void Parse_RecordKeepsTheGivenMemory()
    {
        using var root = TestPki.CreateRoot();
        var der = root.Der;

        var record = CertificateRecord.FromDer(der);

        Assert.True(record.Der.Span.SequenceEqual(der));
        Assert.Equal(root.Sha256, record.Sha256);
    }

    internal static byte[] SctList(int count)
    {
        var body = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            // version, 32-byte log id, timestamp, extensions, signature: any 47+ bytes do for counting.
            var sct = Enumerable.Repeat((byte)(i + 1), 47 + i).ToArray();
            body.Add((byte)(sct.Length >> 8));
            body.Add((byte)sct.Length);
            body.AddRange(sct);
        }

        return [(byte)(body.Count >> 8), (byte)body.Count, .. body];
    }

    internal static void AssertMatchesPlatform(X509Certificate2 expected, CertificateRecord actual)
    {
        Assert.Equal(expected.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(), actual.Sha256);
        Assert.Equal(expected.Thumbprint.ToLowerInvariant(), actual.Sha1);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.SerialNumber.TrimStart('0').PadLeft(2, '0'), actual.SerialNumber.TrimStart('0').PadLeft(2, '0'));
        Assert.Equal(expected.NotBefore.ToUniversalTime(), actual.NotBefore.UtcDateTime);
        Assert.Equal(expected.NotAfter.ToUniversalTime(), actual.NotAfter.UtcDateTime);
        Assert.Equal(expected.SignatureAlgorithm.Value, actual.SignatureAlgorithmOid);
        Assert.Equal(expected.PublicKey.Oid.Value, actual.PublicKey.AlgorithmOid);
        using (var rsa = expected.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                Assert.Equal(rsa.KeySize, actual.PublicKey.SizeBits);
            }
        }

        using (var ec = expected.GetECDsaPublicKey())
        {
            if (ec is not null)
            {
                Assert.Equal(ec.KeySize, actual.PublicKey.SizeBits);
            }
        }

        Assert.Equal(
            expected.Extensions.Select(e => new ExtensionInfo(e.Oid!.Value!, e.Critical)),
            actual.Extensions);
        foreach (var extension in expected.Extensions)
        {
            switch (extension)
            {
                case X509KeyUsageExtension keyUsage:
                    Assert.Equal(ToBits(keyUsage.KeyUsages), actual.KeyUsage);
                    break;
                case X509EnhancedKeyUsageExtension eku:
                    Assert.Equal(eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value), actual.ExtendedKeyUsages);
                    break;
                case X509BasicConstraintsExtension basic:
                    Assert.Equal(
                        new BasicConstraintsInfo(basic.CertificateAuthority, basic.HasPathLengthConstraint ? basic.PathLengthConstraint : null, basic.Critical),
                        actual.BasicConstraints);
                    break;
                case X509SubjectKeyIdentifierExtension ski:
                    Assert.Equal(ski.SubjectKeyIdentifier!.ToLowerInvariant(), actual.SubjectKeyId);
                    break;
                case X509AuthorityKeyIdentifierExtension aki:
                    Assert.Equal(Convert.ToHexStringLower(aki.KeyIdentifier!.Value.Span), actual.AuthorityKeyId);
                    break;
                case X509SubjectAlternativeNameExtension san:
                    Assert.Equal(san.EnumerateDnsNames(), actual.SubjectAlternativeNames.Where(s => s.Kind == SubjectAlternativeNameKind.Dns).Select(s => s.Value));
                    Assert.Equal(san.EnumerateIPAddresses().Select(ip => ip.ToString()), actual.SubjectAlternativeNames.Where(s => s.Kind == SubjectAlternativeNameKind.IpAddress).Select(s => s.Value));
                    break;
            }
        }
    }

    private static KeyUsageBits ToBits(X509KeyUsageFlags flags)
    {
        var bits = KeyUsageBits.None;
        (X509KeyUsageFlags Flag, KeyUsageBits Bit)[] map =
        [
            (X509KeyUsageFlags.DigitalSignature, KeyUsageBits.DigitalSignature),
            (X509KeyUsageFlags.NonRepudiation, KeyUsageBits.NonRepudiation),
            (X509KeyUsageFlags.KeyEncipherment, KeyUsageBits.KeyEncipherment),
            (X509KeyUsageFlags.DataEncipherment, KeyUsageBits.DataEncipherment),
            (X509KeyUsageFlags.KeyAgreement, KeyUsageBits.KeyAgreement),
            (X509KeyUsageFlags.KeyCertSign, KeyUsageBits.KeyCertSign),
            (X509KeyUsageFlags.CrlSign, KeyUsageBits.CrlSign),
            (X509KeyUsageFlags.EncipherOnly, KeyUsageBits.EncipherOnly),
            (X509KeyUsageFlags.DecipherOnly, KeyUsageBits.DecipherOnly),
        ];
        foreach (var (flag, bit) in map)
        {
            if (flags.HasFlag(flag))
            {
                bits |= bit;
            }
        }

        return bits;
    }
}
