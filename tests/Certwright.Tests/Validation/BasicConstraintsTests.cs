using Certwright.Policy;

namespace Certwright.Tests.Validation;

/// <summary>basicConstraints, pathLenConstraint, keyUsage keyCertSign and CA versions (RFC 5280 6.1.4 (k)-(n)).</summary>
public sealed class BasicConstraintsTests
{
    [Fact]
    public async Task Validate_IntermediateWithoutBasicConstraints_InvalidBasicConstraints()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Remove(Pki.BasicConstraints).Remove(Pki.KeyUsage));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Contains(FindingCodes.InvalidBasicConstraints, result.Codes);
        Assert.Contains("has no basicConstraints extension", result.Findings.First(f => f.Code == FindingCodes.InvalidBasicConstraints).Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IntermediateWithCaFalse_InvalidBasicConstraints()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.BasicConstraints, true, Der.BasicConstraints(false)).Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.DigitalSignature)));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.InvalidBasicConstraints, FindingCodes.InvalidKeyUsage], result.Codes);
        Assert.Equal(1, result.Errors[0].Depth);
        Assert.Equal(24, result.Errors[0].OpensslCode);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_Version1Intermediate_Rejected()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s =>
        {
            s.Version = 1;
            s.Extensions.Clear();
        });
        var scenario = new Scenario(Pki.Leaf(intermediate, tweak: s => s.Remove(Pki.AuthorityKeyId)), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Contains(FindingCodes.InvalidBasicConstraints, result.Codes);
        Assert.Contains("is a v1 certificate and cannot be an intermediate CA", string.Join("\n", result.Errors), StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_Version1RootAsAnchor_Valid()
    {
        var root = Pki.Root(tweak: s =>
        {
            s.Version = 1;
            s.Extensions.Clear();
        });
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_PathLenZeroFollowedByIntermediate_PathLengthExceeded()
    {
        var root = Pki.Root();
        var first = Pki.Intermediate(root, "CN=First", pathLength: 0);
        var second = Pki.Intermediate(first, "CN=Second");
        var scenario = new Scenario(Pki.Leaf(second), root).Presenting(second, first);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.PathLengthExceeded], result.Codes);
        Assert.Equal(1, result.Errors[0].Depth);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_SelfIssuedIntermediate_NotCountedTowardsPathLength()
    {
        // root -> CA (pathLen 1) -> CA' (same name, new key: key rollover) -> issuing CA (pathLen 0) -> leaf
        var root = Pki.Root();
        var ca = Pki.Intermediate(root, "CN=Rollover CA", pathLength: 1);
        var rolled = Pki.Intermediate(ca, "CN=Rollover CA", pathLength: 1);
        var issuing = Pki.Intermediate(rolled, "CN=Issuing CA", pathLength: 0);
        var scenario = new Scenario(Pki.Leaf(issuing), root).Presenting(issuing, rolled, ca);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(5, result.Path.Count);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_CaCertificateInLeafPosition_PathLenOfIssuerNotApplied()
    {
        // RFC 5280 4.2.1.9: the last certificate is not an intermediate, even when it is a CA.
        var root = Pki.Root();
        var first = Pki.Intermediate(root, "CN=First", pathLength: 0);
        var second = Pki.Intermediate(first, "CN=Second", pathLength: 0, tweak: s => s.Set(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"))));

        var result = new Scenario(second, root).Presenting(first).Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Validate_AnchorPathLenZeroWithIntermediate_PathLengthExceeded()
    {
        var root = Pki.Root(tweak: s => s.Set(Pki.BasicConstraints, true, Der.BasicConstraints(true, 0)));
        var intermediate = Pki.Intermediate(root);

        var result = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate).Certwright();

        Assert.Equal([FindingCodes.PathLengthExceeded], result.Codes);
    }

    [Fact]
    public async Task Validate_CaWithoutKeyCertSign_InvalidKeyUsage()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.DigitalSignature, Pki.CrlSign)));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.InvalidKeyUsage], result.Codes);
        Assert.Contains("lacks keyCertSign", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_LeafAssertsKeyCertSignWithoutCa_InvalidKeyUsage()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.DigitalSignature, Pki.KeyCertSign))), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.InvalidKeyUsage], result.Codes);
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl does not check keyUsage consistency
    }

    [Fact]
    public void Validate_IntermediateWithNonCriticalBasicConstraints_WarningUnderRfc5280()
    {
        // NIST PKITS 4.6.4 "Valid basicConstraints Not Critical Test4".
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.BasicConstraints, false, Der.BasicConstraints(true)));
        var scenario = new Scenario(Pki.Leaf(intermediate), root)
        {
            Purpose = Certwright.Validation.ValidationPurpose.Any,
        }.Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.True(result.IsValid);
        Assert.Equal(Severity.Warning, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public async Task Validate_RootWithNonCriticalBasicConstraints_Rejected()
    {
        var root = Pki.Root(tweak: s => s.Set(Pki.BasicConstraints, false, Der.BasicConstraints(true)));
        var scenario = new Scenario(Pki.Leaf(root), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.InvalidBasicConstraints], result.Codes);
        Assert.Contains("basicConstraints is not critical", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }
}
