using System.Formats.Asn1;
using Certwright.Certificates;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Certificates;

public sealed class DistinguishedNameTests
{
    [Fact]
    public void ToString_MultiRdnName_IsTheInventorysRfc4514Form()
    {
        var encoded = RawCertificateBuilder.Name(
            ("2.5.4.6", UniversalTagNumber.PrintableString, "DE"),
            ("2.5.4.10", UniversalTagNumber.UTF8String, "Acme, Inc."),
            ("2.5.4.3", UniversalTagNumber.UTF8String, "api.example.com"));
        var record = CertificateRecord.FromDer(new RawCertificateBuilder { Subject = encoded }.Build());

        var name = DistinguishedName.Decode(encoded, AsnEncodingRules.DER);

        Assert.Equal("CN=api.example.com,O=Acme\\, Inc.,C=DE", name.ToString());
        Assert.Equal(record.Subject, name.ToString());
        Assert.Equal(["api.example.com"], name.ValuesOf(Oids.CommonName));
    }

    [Fact]
    public void Key_CaseSpacingAndStringType_CompareEqual()
    {
        var printable = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.3", UniversalTagNumber.PrintableString, "test root")), AsnEncodingRules.DER);
        var utf8 = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.3", UniversalTagNumber.UTF8String, "  Test   ROOT ")), AsnEncodingRules.DER);
        var other = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.3", UniversalTagNumber.UTF8String, "Test Roots")), AsnEncodingRules.DER);

        Assert.Equal(printable.Key, utf8.Key);
        Assert.NotEqual(printable.Key, other.Key);
        Assert.Equal("CN=test root", printable.ToString());
    }

    [Fact]
    public void Key_MultiValuedRdn_ComparesAsASet()
    {
        var ab = DistinguishedName.Decode(
            RawCertificateBuilder.NameOfRdns([("2.5.4.10", UniversalTagNumber.UTF8String, "Acme"), ("2.5.4.11", UniversalTagNumber.UTF8String, "Web")]),
            AsnEncodingRules.BER);
        var ba = DistinguishedName.Decode(
            RawCertificateBuilder.NameOfRdns([("2.5.4.11", UniversalTagNumber.UTF8String, "Web"), ("2.5.4.10", UniversalTagNumber.UTF8String, "Acme")]),
            AsnEncodingRules.BER);

        Assert.Equal(ab.Key, ba.Key);
        Assert.Equal("OU=Web+O=Acme", ab.ToString());
    }

    [Fact]
    public void IsWithin_RdnPrefix_OnlyOnWholeRdns()
    {
        var acme = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.10", UniversalTagNumber.UTF8String, "Acme")), AsnEncodingRules.DER);
        var inAcme = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.10", UniversalTagNumber.UTF8String, "ACME"), ("2.5.4.3", UniversalTagNumber.UTF8String, "x")), AsnEncodingRules.DER);
        var acmeCorp = DistinguishedName.Decode(RawCertificateBuilder.Name(("2.5.4.10", UniversalTagNumber.UTF8String, "Acme Corp")), AsnEncodingRules.DER);

        Assert.True(inAcme.IsWithin(acme));
        Assert.False(acmeCorp.IsWithin(acme));
        Assert.False(acme.IsWithin(inAcme));
    }

    [Fact]
    public void Decode_InvalidUtf8_ComparesByEncodingAndStillDisplays()
    {
        // CN as a UTF8String holding the byte 0xFF, which is not UTF-8.
        byte[] encoded = [0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x01, 0xFF];
        var name = DistinguishedName.Decode(encoded, AsnEncodingRules.DER);

        var attribute = Assert.Single(Assert.Single(name.Rdns));
        Assert.Null(attribute.Value);
        Assert.Equal("#0c01ff", attribute.Comparable);
        Assert.Equal("CN=\uFFFD", name.ToString());
    }

    [Fact]
    public void Decode_EmptyRdn_Throws()
    {
        byte[] encoded = [0x30, 0x02, 0x31, 0x00];

        var error = Assert.Throws<AsnContentException>(() => DistinguishedName.Decode(encoded, AsnEncodingRules.DER));

        Assert.Equal("a relative distinguished name is an empty SET", error.Message);
    }
}
