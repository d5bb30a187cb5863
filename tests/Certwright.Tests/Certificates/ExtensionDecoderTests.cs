using System.Formats.Asn1;
using System.Net;
using Certwright.Certificates;

namespace Certwright.Tests.Certificates;

public sealed class ExtensionDecoderTests
{
    [Fact]
    public void ReadNameConstraints_PermittedAndExcluded_DecodesEveryForm()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                Subtree(writer, w => w.WriteCharacterString(UniversalTagNumber.IA5String, "example.com", new Asn1Tag(TagClass.ContextSpecific, 2)));
                Subtree(writer, w => w.WriteOctetString([192, 0, 2, 0, 255, 255, 255, 0], new Asn1Tag(TagClass.ContextSpecific, 7)));
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            {
                Subtree(writer, w => w.WriteCharacterString(UniversalTagNumber.IA5String, "bad.example.com", new Asn1Tag(TagClass.ContextSpecific, 2)), maximum: 3);
            }
        }

        var reader = new DerReader(writer.Encode(), AsnEncodingRules.DER);
        var value = NameConstraintsDecoder.Read(ref reader, critical: true);

        Assert.Equal(["DNS:example.com", "IP:192.0.2.0/24"], value.Permitted.Select(n => n.ToString()));
        Assert.Equal(["DNS:bad.example.com"], value.Excluded.Select(n => n.ToString()));
        Assert.True(value.Critical);
        Assert.True(value.HasPermittedSubtrees);
        Assert.True(value.HasExcludedSubtrees);
        Assert.True(value.HasMinimumOrMaximum);
    }

    [Fact]
    public void ReadCertificatePolicies_QualifiersSkippedRepeatsKept()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var policy in new[] { "2.23.140.1.2.1", "1.3.6.1.4.1.44947.1.1.1", "2.23.140.1.2.1" })
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(policy);
                    using (writer.PushSequence())
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.3.6.1.5.5.7.2.1");
                        writer.WriteCharacterString(UniversalTagNumber.IA5String, "https://cps.example");
                    }
                }
            }
        }

        var reader = new DerReader(writer.Encode());

        Assert.Equal(["2.23.140.1.2.1", "1.3.6.1.4.1.44947.1.1.1", "2.23.140.1.2.1"], PolicyExtensionDecoder.ReadCertificatePolicies(ref reader));
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x01, 0x00 }, 0)]
    [InlineData(new byte[] { 0x02, 0x02, 0x00, 0xC8 }, 200)]
    [InlineData(new byte[] { 0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF }, int.MaxValue)]
    [InlineData(new byte[] { 0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00 }, int.MaxValue)]
    public void ReadInhibitAnyPolicy_Counts_SaturateAtIntMax(byte[] encoded, int expected)
    {
        var reader = new DerReader(encoded);

        Assert.Equal(expected, PolicyExtensionDecoder.ReadInhibitAnyPolicy(ref reader));
    }

    [Fact]
    public void ReadBasicConstraints_NegativePathLength_Throws()
    {
        var reader = new DerReader([0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0xFF]);

        AsnContentException? error = null;
        try
        {
            ExtensionDecoder.ReadBasicConstraints(ref reader);
        }
        catch (AsnContentException e)
        {
            error = e;
        }

        Assert.Equal("pathLenConstraint is negative", error?.Message);
    }

    [Fact]
    public void ReadAuthorityKeyId_AllThreeFields_ReportsEach()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString([0xAB, 0xCD], new Asn1Tag(TagClass.ContextSpecific, 0));
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, "ca.example", new Asn1Tag(TagClass.ContextSpecific, 2));
            }

            writer.WriteInteger(42, new Asn1Tag(TagClass.ContextSpecific, 2));
        }

        var reader = new DerReader(writer.Encode());
        var aki = ExtensionDecoder.ReadAuthorityKeyId(ref reader);

        Assert.True(aki.HasKeyIdentifier);
        Assert.Equal([0xAB, 0xCD], aki.KeyIdentifier.ToArray());
        Assert.True(aki.HasIssuer);
        Assert.True(aki.HasSerial);
    }

    [Fact]
    public void GeneralNameFrom_ValidatorForm_KeepsRawBytesAndAsciiText()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(System.Text.Encoding.UTF8.GetBytes("bücher.example"), new Asn1Tag(TagClass.ContextSpecific, 2));
            writer.WriteOctetString(IPAddress.Parse("2001:db8::1").GetAddressBytes(), new Asn1Tag(TagClass.ContextSpecific, 7));
            writer.WriteObjectIdentifier("1.2.3.4", new Asn1Tag(TagClass.ContextSpecific, 8));
        }

        var reader = new DerReader(writer.Encode(), AsnEncodingRules.DER);
        var names = GeneralName.ReadAll(ref reader);

        Assert.Equal(GeneralNameKind.DnsName, names[0].Kind);
        Assert.Null(names[0].Text);
        Assert.Equal("DNS:<non-ASCII>", names[0].ToString());
        Assert.Equal("IP:2001:db8::1", names[1].ToString());
        Assert.Equal(16, names[1].Bytes.Length);
        Assert.Equal("1.2.3.4", names[2].Text);
    }

    private static void Subtree(AsnWriter writer, Action<AsnWriter> writeBase, int? maximum = null)
    {
        using (writer.PushSequence())
        {
            writeBase(writer);
            if (maximum is { } max)
            {
                writer.WriteInteger(max, new Asn1Tag(TagClass.ContextSpecific, 1));
            }
        }
    }
}
