using Certwright.Scanning.Probing;

namespace Certwright.Tests.Scanning.Probing;

public sealed class CipherSuitesTests
{
    [Fact]
    public void All_CodesAreUniqueAndSorted()
    {
        var codes = CipherSuites.All.Select(s => s.Code).ToArray();

        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.Equal(codes.Order(), codes);
        Assert.Equal(357, codes.Length);
    }

    [Fact]
    public void All_HasTheFiveTls13Suites()
    {
        Assert.Equal([0x1301, 0x1302, 0x1303, 0x1304, 0x1305], CipherSuites.All.Where(s => s.IsTls13).Select(s => s.Code));
    }

    [Theory]
    [InlineData(0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", 128, true, true, false)]
    [InlineData(0x000A, "DES-CBC3-SHA", 168, false, false, true)]
    [InlineData(0x009E, "DHE-RSA-AES128-GCM-SHA256", 128, true, true, false)]
    [InlineData(0x002F, "AES128-SHA", 128, false, false, true)]
    [InlineData(0x1303, "TLS_CHACHA20_POLY1305_SHA256", 256, true, true, false)]
    public void Get_KnownCode_HasItsProperties(int code, string openSsl, int bits, bool forwardSecrecy, bool aead, bool cbc)
    {
        var suite = CipherSuites.Get(code);

        Assert.Equal((openSsl, bits, forwardSecrecy, aead, cbc), (suite.OpenSslName, suite.Bits, suite.ForwardSecrecy, suite.IsAead, suite.IsCbc));
    }

    [Fact]
    public void Get_WeakSuites_AreClassified()
    {
        Assert.True(CipherSuites.Get(0x0018).IsAnonymous && CipherSuites.Get(0x0018).IsRc4); // ADH-RC4-MD5
        Assert.True(CipherSuites.Get(0x0003).IsExport); // EXP-RC4-MD5
        Assert.True(CipherSuites.Get(0x0002).IsNullEncryption); // NULL-SHA
        Assert.True(CipherSuites.Get(0x0009).IsSingleDes); // DES-CBC-SHA
        Assert.True(CipherSuites.Get(0x000A).IsTripleDes);
    }

    [Fact]
    public void Get_UnknownCode_IsANamedPlaceholder()
    {
        var suite = CipherSuites.Get(0xEEEE);

        Assert.Equal("UNKNOWN_0xEEEE", suite.IanaName);
        Assert.False(CipherSuites.TryGet(0xEEEE, out _));
    }
}
