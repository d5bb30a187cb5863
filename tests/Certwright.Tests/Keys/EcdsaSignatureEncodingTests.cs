using System.Formats.Asn1;
using Certwright.Keys.Internal;

namespace Certwright.Tests.Keys;

public sealed class EcdsaSignatureEncodingTests
{
    [Fact]
    public void RawToDer_LeadingZeroBytes_AreTrimmedToMinimalIntegers()
    {
        var raw = new byte[64];
        raw[1] = 0x05; // r = 0x05 followed by 30 zero bytes (two leading zero bytes dropped below)
        raw[32] = 0x00;
        raw[33] = 0x00;
        raw[63] = 0x07; // s = 7

        var der = EcdsaSignatureEncoding.RawToDer(raw);

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadIntegerBytes().ToArray();
        var s = reader.ReadIntegerBytes().ToArray();
        Assert.Equal(31, r.Length);
        Assert.Equal(0x05, r[0]);
        Assert.Equal(new byte[] { 0x07 }, s);
    }

    [Fact]
    public void RawToDer_HighBitSet_GetsSignPadding()
    {
        var raw = new byte[64];
        raw[0] = 0x80;
        raw[32] = 0x01;

        var der = EcdsaSignatureEncoding.RawToDer(raw);

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(33, reader.ReadIntegerBytes().Length);
        Assert.Equal(32, reader.ReadIntegerBytes().Length);
    }

    [Fact]
    public void RawToDer_AllZeroHalf_EncodesZero()
    {
        var raw = new byte[64];
        raw[63] = 1;

        var der = EcdsaSignatureEncoding.RawToDer(raw);

        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(new byte[] { 0x00 }, reader.ReadIntegerBytes().ToArray());
        Assert.Equal(new byte[] { 0x01 }, reader.ReadIntegerBytes().ToArray());
    }
}
