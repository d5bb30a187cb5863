using Certwright.Authority;

namespace Certwright.Tests.Authority;

public sealed class SubjectAltNameTests
{
    [Theory]
    [InlineData("API.Internal.", "dns:api.internal")]
    [InlineData("*.example.org", "dns:*.example.org")]
    [InlineData("10.0.0.1", "ip:10.0.0.1")]
    [InlineData("ip:::1", "ip:::1")]
    [InlineData("spiffe://example.org/x", "uri:spiffe://example.org/x")]
    [InlineData("ops@Example.org", "email:ops@example.org")]
    public void Parse_TypesByPrefixOrLook(string text, string expected) => Assert.Equal(expected, SubjectAltName.Parse(text).ToString());

    [Theory]
    [InlineData("bad_host", "SAN 'dns:bad_host' is not a DNS name (letters, digits, '-', labels of 1-63 characters, an optional leading '*.'); fix --san")]
    [InlineData("ip:10.0.0.300", "SAN 'ip:10.0.0.300' is not an IPv4 or IPv6 address; fix --san")]
    [InlineData("a.*.example", "SAN 'dns:a.*.example' is not a DNS name (letters, digits, '-', labels of 1-63 characters, an optional leading '*.'); fix --san")]
    public void Parse_Invalid_ThrowsUsage(string text, string message) =>
        Assert.Equal(message, Assert.Throws<CertwrightException>(() => SubjectAltName.Parse(text)).Message);

    [Theory]
    [InlineData("*.internal", "a.b.internal", true)]
    [InlineData("*.internal", "internal", false)]
    [InlineData("spiffe://example.org/*", "spiffe://example.org/ns/x", true)]
    [InlineData("a*c", "abXc", true)]
    [InlineData("a*c", "abXd", false)]
    public void Glob_Matches(string pattern, string text, bool expected) => Assert.Equal(expected, SanPattern.Glob(pattern, text));

    [Fact]
    public void Matches_IpCidrPattern_ChecksTheRange()
    {
        Assert.True(SanPattern.Matches("ip:10.0.0.0/8", SubjectAltName.Parse("10.2.3.4")));
        Assert.False(SanPattern.Matches("ip:10.0.0.0/8", SubjectAltName.Parse("11.2.3.4")));
        Assert.False(SanPattern.Matches("ip:*", SubjectAltName.Parse("a.internal")));
    }
}
