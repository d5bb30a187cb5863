using Certwright.Policy;

namespace Certwright.Tests.Validation;

/// <summary>RFC 6125 / CA/B Forum host name matching, against openssl's -verify_hostname / -verify_ip.</summary>
public sealed class HostnameTests
{
    [Theory]
    [InlineData("example.com", "example.com", true, true)]
    [InlineData("example.com", "EXAMPLE.com", true, true)]
    [InlineData("example.com", "example.com.", true, false)]
    [InlineData("Example.COM", "example.com", true, true)]
    [InlineData("example.com", "www.example.com", false, false)]
    [InlineData("*.example.com", "www.example.com", true, true)]
    [InlineData("*.example.com", "example.com", false, false)]
    [InlineData("*.example.com", "a.b.example.com", false, false)]
    [InlineData("f*.example.com", "foo.example.com", false, true)]
    [InlineData("*oo.example.com", "foo.example.com", false, true)]
    [InlineData("www.*.example.com", "www.a.example.com", false, false)]
    [InlineData("*.com", "example.com", false, false)]
    [InlineData("xn--bcher-kva.example", "bücher.example", true, false)]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example", true, true)]
    public async Task Validate_DnsName(string sanName, string host, bool certwright, bool openssl)
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, "leaf.test", tweak: s =>
        {
            s.Subject = Der.Name("O=Test");
            s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns(sanName)));
        });
        var scenario = new Scenario(leaf, root) { Host = host };

        var result = scenario.Certwright();

        Assert.Equal(certwright, result.IsValid);
        if (!certwright)
        {
            Assert.Equal([FindingCodes.HostnameMismatch], result.Codes);
            Assert.Equal(62, result.Errors[0].OpensslCode);
        }

        Assert.Equal(openssl, (await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_CommonNameOnlyCertificate_HostnameMismatchWhileOpensslFallsBack()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, "example.com", tweak: s => s.Remove(Pki.SubjectAltName));
        var scenario = new Scenario(leaf, root) { Host = "example.com" };

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.MissingSan, FindingCodes.HostnameMismatch], result.Codes);
        Assert.Contains("it has no subjectAltName (the common name is not used for host names, RFC 6125)", result.Findings[1].Message, StringComparison.Ordinal);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IpAddressAgainstDnsSanHoldingTheAddress_Mismatch()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, "192.0.2.7", tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("192.0.2.7"))));
        var scenario = new Scenario(leaf, root) { Host = "192.0.2.7" };

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.HostnameMismatch], result.Codes);
        Assert.Contains("(IP addresses match only iPAddress entries)", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_DnsNameAgainstIpSanOnly_Mismatch()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, "192.0.2.7", tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Ip("192.0.2.7"))));
        var scenario = new Scenario(leaf, root) { Host = "example.com" };

        Assert.Equal([FindingCodes.HostnameMismatch], scenario.Certwright().Codes);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("2001:db8::1", "2001:DB8:0:0:0:0:0:1", true)]
    [InlineData("2001:db8::1", "[2001:db8::1]", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", false)]
    public void Validate_IpAddress_ComparedAsAddresses(string san, string host, bool valid)
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s =>
        {
            s.Subject = Der.Name("O=Test");
            s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Ip(san)));
        });

        Assert.Equal(valid, new Scenario(leaf, root) { Host = host }.Certwright().IsValid);
    }

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("192.0.2", false)]
    [InlineData("192.0.2.01", false)]
    [InlineData("0x7f.0.0.1", false)]
    [InlineData("256.0.0.1", false)]
    [InlineData("example.com", false)]
    public void TryParseIpLiteral_AcceptsOnlyCanonicalLiterals(string text, bool isIp)
    {
        Assert.Equal(isIp, Certwright.Validation.Internal.HostnameMatcher.TryParseIpLiteral(text, out _));
    }

    [Fact]
    public void Validate_NoHostGiven_NameNotChecked()
    {
        var root = Pki.Root();

        Assert.True(new Scenario(Pki.Leaf(root, "other.example"), root) { Host = null }.Certwright().IsValid);
    }
}
