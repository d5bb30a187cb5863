using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>RFC 5280 4.2.1.10 name constraints on DNS, IP, email, directory names and URIs.</summary>
public sealed class NameConstraintsTests
{
    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "a.example.com", true)]
    [InlineData("example.com", "a.b.example.com", true)]
    [InlineData("example.com", "badexample.com", false)]
    [InlineData("example.com", "example.com.evil.org", false)]
    [InlineData("a.example.com", "example.com", false)]
    [InlineData("example.com", "*.example.com", true)]
    public async Task Validate_PermittedDns_LabelBoundaries(string permitted, string name, bool valid)
    {
        var (scenario, _) = Constrained(Pki.Constrain([Der.Dns(permitted)], null), name);

        var result = scenario.Certwright();

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
            Assert.Contains($"DNS:{name} is outside the permitted DNS:{permitted}", result.Findings[0].Message, StringComparison.Ordinal);
        }

        Assert.Equal(valid, (await scenario.OpensslAsync()).IsValid);
    }

    [Theory]
    [InlineData("bad.example.com", "bad.example.com", false)]
    [InlineData("bad.example.com", "x.bad.example.com", false)]
    [InlineData("bad.example.com", "good.example.com", true)]
    [InlineData("bad.example.com", "notbad.example.com", true)]
    public async Task Validate_ExcludedDns(string excluded, string name, bool valid)
    {
        var (scenario, _) = Constrained(Pki.Constrain(null, [Der.Dns(excluded)]), name);

        Assert.Equal(valid, scenario.Certwright().IsValid);
        Assert.Equal(valid, (await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_WildcardLeafAgainstExcludedSubdomain_Rejected()
    {
        // *.example.com would answer for bar.example.com, which the CA may not certify (CVE-2025-61727).
        var (scenario, _) = Constrained(Pki.Constrain([Der.Dns("example.com")], [Der.Dns("bar.example.com")]), "*.example.com");
        scenario.Host = "bar.example.com";

        Assert.Equal([FindingCodes.NameConstraintViolation], scenario.Certwright().Codes);
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl compares the wildcard string literally
    }

    [Fact]
    public void Validate_LeadingDotDnsConstraint_SubdomainsOnlyUnderRfc5280MalformedUnderWebPki()
    {
        var subdomain = Constrained(Pki.Constrain([Der.Dns(".example.com")], null), "a.example.com").Scenario;
        var apex = Constrained(Pki.Constrain([Der.Dns(".example.com")], null), "example.com").Scenario;

        var webPki = subdomain.Certwright();
        Assert.Equal([FindingCodes.NameConstraintViolation], webPki.Codes);
        Assert.Contains("is not a domain name (leading dots and wildcards are not allowed)", webPki.Findings[0].Message, StringComparison.Ordinal);

        subdomain.Options = apex.Options = new ChainValidationOptions { Profile = ValidationProfile.Rfc5280 };
        Assert.True(subdomain.Certwright().IsValid);
        Assert.Equal([FindingCodes.NameConstraintViolation], apex.Certwright().Codes);
    }

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.10", true)]
    [InlineData("192.0.2.0/24", "192.0.3.10", false)]
    [InlineData("10.0.0.0/8", "10.200.1.1", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("192.0.2.0/24", "2001:db8::1", false)]
    public async Task Validate_PermittedIp(string range, string address, bool valid)
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.IpRange(range)], null));
        var leaf = Pki.Leaf(root, tweak: s =>
        {
            s.Subject = Der.Name("CN=" + address);
            s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Ip(address)));
        });
        var scenario = new Scenario(leaf, root) { Host = address };

        Assert.Equal(valid, scenario.Certwright().IsValid);
        Assert.Equal(valid, (await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_ExcludedIpv6Host_Rejected()
    {
        var root = Pki.Root(tweak: Pki.Constrain(null, [Der.IpRange("::1/128")]));
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Ip("::1"))).Subject = Der.Name("CN=::1"));

        var result = new Scenario(leaf, root) { Host = "::1" }.Certwright();

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
    }

    [Fact]
    public void Validate_IpConstraintWithHoleyMask_Malformed()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.IpRaw(192, 0, 2, 0, 255, 0, 255, 0)], null));
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Ip("192.0.2.1"))).Subject = Der.Name("CN=192.0.2.1"));

        var result = new Scenario(leaf, root) { Host = "192.0.2.1" }.Certwright();

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
        Assert.Contains("non-contiguous mask", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com", "alice@example.com", true)]
    [InlineData("example.com", "alice@sub.example.com", false)]
    [InlineData(".example.com", "alice@sub.example.com", true)]
    [InlineData(".example.com", "alice@example.com", false)]
    [InlineData("alice@example.com", "alice@example.com", true)]
    [InlineData("alice@example.com", "bob@example.com", false)]
    public async Task Validate_PermittedEmail_HostDomainAndMailboxForms(string permitted, string email, bool valid)
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Email(permitted)], null));
        var leaf = Pki.Leaf(root, tweak: s =>
        {
            s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Email(email)));
            s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ClientAuth));
        });
        var scenario = new Scenario(leaf, root) { Host = null, Purpose = ValidationPurpose.Client };

        Assert.Equal(valid, scenario.Certwright().IsValid);
        Assert.Equal(valid, (await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_EmailInSubjectDn_Constrained()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Email("example.com")], null));
        var leaf = Pki.Leaf(root, tweak: s => s.Subject = Der.Name("CN=example.com, E=mallory@evil.org"));
        var scenario = new Scenario(leaf, root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
        Assert.Contains("email:mallory@evil.org is outside the permitted email:example.com", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Theory]
    [InlineData("O=Acme", "O=Acme, CN=example.com", true)]
    [InlineData("O=Acme", "O=Evil, CN=example.com", false)]
    [InlineData("O=Acme, OU=Web", "O=Acme, CN=example.com", false)]
    public async Task Validate_PermittedDirectoryName_RdnPrefix(string permitted, string subject, bool valid)
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Directory(permitted)], null));
        var leaf = Pki.Leaf(root, tweak: s => s.Subject = Der.Name(subject));
        var scenario = new Scenario(leaf, root);

        Assert.Equal(valid, scenario.Certwright().IsValid);
        Assert.Equal(valid, (await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_PermittedUri_HostChecked()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Uri(".example.com")], null));
        var good = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"), Der.Uri("https://api.example.com:8443/x"))));
        var bad = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"), Der.Uri("https://api.evil.org/"))));
        var noHost = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"), Der.Uri("urn:uuid:1234"))));

        Assert.True(new Scenario(good, root).Certwright().IsValid);
        Assert.Equal([FindingCodes.NameConstraintViolation], new Scenario(bad, root).Certwright().Codes);
        Assert.Equal([FindingCodes.NameConstraintViolation], new Scenario(noHost, root).Certwright().Codes);
        Assert.False((await new Scenario(bad, root).OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_ConstraintsOnIntermediate_AppliedToLeafAndLowerIntermediates()
    {
        var root = Pki.Root();
        var constrained = Pki.Intermediate(root, "CN=Constrained", tweak: Pki.Constrain([Der.Dns("permitted.example.com")], null));
        var issuing = Pki.Intermediate(constrained, "CN=Issuing", tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("other.example.com"))));
        var leaf = Pki.Leaf(issuing, "permitted.example.com");
        var scenario = new Scenario(leaf, root) { Host = "permitted.example.com" }.Presenting(issuing, constrained);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
        Assert.Equal(issuing.Sha256, result.Findings[0].Subject);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_ConstraintsOnTrustAnchor_Enforced()
    {
        var (scenario, _) = Constrained(Pki.Constrain([Der.Dns("corp.example")], null), "www.example.org");

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NameConstraintViolation], result.Codes);
        Assert.Contains("in the nameConstraints of 'CN=Test Root'", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_CommonNameOnlyLeaf_CommonNameConstrained()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Dns("example.com")], null));
        var leaf = Pki.Leaf(root, "www.evil.org", tweak: s => s.Remove(Pki.SubjectAltName));
        var scenario = new Scenario(leaf, root) { Host = null };

        var result = scenario.Certwright();

        Assert.Contains(FindingCodes.NameConstraintViolation, result.Codes);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_CommonNameOutsideConstraintsButSanInside_AcceptedAsClientsIgnoreCommonName()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Dns("example.com")], null));
        var leaf = Pki.Leaf(root, tweak: s => s.Subject = Der.Name("CN=www.evil.org"));

        var result = new Scenario(leaf, root).Certwright();

        Assert.True(result.IsValid);
        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes); // a warning: CN is not a SAN copy
    }

    [Fact]
    public void Validate_UnsupportedNameFormConstrained_Rejected()
    {
        var root = Pki.Root(tweak: Pki.Constrain([Der.Dns("example.com")], [Der.OtherName("1.3.6.1.4.1.55738.666.3")]));
        var withOtherName = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"), Der.OtherName("1.3.6.1.4.1.55738.666.3"))));
        var without = Pki.Leaf(root);

        Assert.Equal([FindingCodes.NameConstraintViolation], new Scenario(withOtherName, root).Certwright().Codes);
        Assert.True(new Scenario(without, root).Certwright().IsValid);
    }

    [Fact]
    public void Validate_NameConstraintsInLeaf_Rejected()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: Pki.Constrain([Der.Dns("example.com")], null));

        Assert.Equal([FindingCodes.NameConstraintViolation], new Scenario(leaf, root).Certwright().Codes);
    }

    [Fact]
    public void Validate_SelfIssuedIntermediate_NotConstrained()
    {
        var root = Pki.Root("CN=not-example.com", tweak: Pki.Constrain([Der.Dns("example.com")], null));
        var rollover = Pki.Intermediate(root, "CN=not-example.com", tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("not-example.com"))));

        Assert.True(new Scenario(Pki.Leaf(rollover), root).Presenting(rollover).Certwright().IsValid);
    }

    private static (Scenario Scenario, TestCert Root) Constrained(Action<CertSpec> constraint, string dnsName)
    {
        var root = Pki.Root(tweak: constraint);
        var leaf = Pki.Leaf(root, dnsName);
        var host = dnsName.StartsWith("*.", StringComparison.Ordinal) ? "www" + dnsName[1..] : dnsName;
        return (new Scenario(leaf, root) { Host = host }, root);
    }
}
