using System.Net;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class CertificateParserMalformedTests
{
    [Fact]
    public void Parse_Empty_ThrowsFormatException()
    {
        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(ReadOnlyMemory<byte>.Empty));

        Assert.Equal("not a valid X.509 certificate: certificate: no data", error.Message);
    }

    [Fact]
    public void Parse_EveryTruncation_ThrowsFormatException()
    {
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, ipAddresses: [IPAddress.Loopback]);
        var der = leaf.Der;

        for (var length = 0; length < der.Length; length++)
        {
            var prefix = der.AsMemory(0, length);
            Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(prefix));
        }
    }

    [Fact]
    public void Parse_TrailingByte_IsRejected()
    {
        using var root = TestPki.CreateRoot();

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse((byte[])[.. root.Der, 0x00]));

        Assert.Equal("not a valid X.509 certificate: certificate: 1 unexpected bytes after the last field", error.Message);
    }

    [Fact]
    public void Parse_UnknownVersion_IsRejected()
    {
        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(new RawCertificateBuilder { Version = 5 }.Build()));

        Assert.Equal("not a valid X.509 certificate: version: unknown version 4", error.Message);
    }

    [Fact]
    public void Parse_NegativePathLength_IsRejected()
    {
        var builder = new RawCertificateBuilder().AddExtension("2.5.29.19", true, [0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0xFF]);

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(builder.Build()));

        Assert.Equal("not a valid X.509 certificate: basicConstraints extension: pathLenConstraint is negative", error.Message);
    }

    [Fact]
    public void Parse_PathLengthBeyondInt32_ReadsAsIntMax()
    {
        // The shared decoder saturates counts: no path is longer, and the validator needs no other value.
        var builder = new RawCertificateBuilder().AddExtension("2.5.29.19", true, [0x30, 0x0A, 0x01, 0x01, 0xFF, 0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00]);

        var record = CertificateParser.Parse(builder.Build());

        Assert.Equal(new BasicConstraintsInfo(true, int.MaxValue, true), record.BasicConstraints);
    }

    [Fact]
    public void Parse_AuthorityKeyIdWithTrailingField_IsRejected()
    {
        // keyIdentifier [0], then a [3] RFC 5280 does not define: the shared decoder reads the whole SEQUENCE.
        var builder = new RawCertificateBuilder().AddExtension("2.5.29.35", false, [0x30, 0x06, 0x80, 0x01, 0xAB, 0x83, 0x01, 0x00]);

        var error = Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(builder.Build()));

        Assert.Equal("not a valid X.509 certificate: authorityKeyIdentifier extension: 3 unexpected bytes after the last field", error.Message);
    }

    [Fact]
    public void Parse_RandomBytes_ThrowsFormatException()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 4)
            {
                // Half the inputs start like a certificate so the parser gets past the first header.
                bytes[0] = 0x30;
                bytes[1] = 0x82;
                bytes[2] = (byte)((bytes.Length - 4) >> 8);
                bytes[3] = (byte)(bytes.Length - 4);
            }

            Assert.Throws<CertificateFormatException>(() => CertificateParser.Parse(bytes));
        }
    }

    [Fact]
    public void Parse_MutatedCertificates_EitherParseOrThrowFormatException()
    {
        using var root = TestPki.CreateRoot();
        using var leaf = TestPki.CreateLeaf(root, "fuzz.example", ["fuzz.example", "b.example"], [IPAddress.Parse("2001:db8::5")], clientAuth: true);
        var random = new Random(1234);
        var parsed = 0;
        var rejected = 0;

        for (var i = 0; i < 3000; i++)
        {
            var bytes = leaf.Der.ToArray();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                CertificateParser.Parse(bytes);
                parsed++;
            }
            catch (CertificateFormatException)
            {
                rejected++;
            }
        }

        // Most mutations land in key, signature or string bytes and still parse; structure hits are rejected.
        Assert.InRange(parsed, 300, 2990);
        Assert.InRange(rejected, 10, 2700);
    }
}
