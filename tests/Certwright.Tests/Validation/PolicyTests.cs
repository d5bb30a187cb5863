using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>RFC 5280 certificate policy processing (6.1.3 (d)-(f), 6.1.4 (a)-(b), (i)-(j), 6.1.5).</summary>
public sealed class PolicyTests
{
    private const string Policy1 = "2.16.840.1.101.3.2.1.48.1";
    private const string Policy2 = "2.16.840.1.101.3.2.1.48.2";

    [Fact]
    public async Task Validate_RequireExplicitPolicyAndNoPolicies_PolicyViolation()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.PolicyConstraints, true, Der.PolicyConstraints(0, null)));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.PolicyViolation], result.Codes);
        Assert.Equal(43, result.Errors[0].OpensslCode);
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl skips policy processing unless -policy_check
        scenario.OpensslArguments.Add("-policy_check");
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_RequireExplicitPolicyWithCommonPolicy_Valid()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s
            .Set(Pki.PolicyConstraints, true, Der.PolicyConstraints(0, null))
            .Set(Pki.CertificatePolicies, false, Der.Policies(Policy1)));
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Policy1)));
        var scenario = new Scenario(leaf, root).Presenting(intermediate);

        Assert.True(scenario.Certwright().IsValid);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_UserPolicySetNotMet_PolicyViolation()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Policy1)));
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Policy1)));
        var scenario = new Scenario(leaf, root)
        {
            Options = new ChainValidationOptions { InitialPolicies = [Policy2], InitialExplicitPolicy = true },
        }.Presenting(intermediate);
        scenario.OpensslArguments.AddRange(["-policy", Policy2, "-explicit_policy"]);

        Assert.Equal([FindingCodes.PolicyViolation], scenario.Certwright().Codes);
        Assert.False((await scenario.OpensslAsync()).IsValid);

        scenario.Options = new ChainValidationOptions { InitialPolicies = [Policy1], InitialExplicitPolicy = true };
        Assert.True(scenario.Certwright().IsValid);
    }

    [Fact]
    public void Validate_PolicyMapping_MapsIssuerPolicyToSubjectPolicy()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s
            .Set(Pki.CertificatePolicies, false, Der.Policies(Policy1))
            .Set(Pki.PolicyMappings, true, Der.PolicyMappings((Policy1, Policy2))));
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Policy2)));
        var options = new ChainValidationOptions { InitialPolicies = [Policy1], InitialExplicitPolicy = true };

        Assert.True(new Scenario(leaf, root) { Options = options }.Presenting(intermediate).Certwright().IsValid);

        var inhibited = options with { InitialPolicyMappingInhibit = true };
        Assert.Equal([FindingCodes.PolicyViolation], new Scenario(leaf, root) { Options = inhibited }.Presenting(intermediate).Certwright().Codes);
    }

    [Fact]
    public void Validate_MappingToAnyPolicy_PolicyViolation()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s
            .Set(Pki.CertificatePolicies, false, Der.Policies(Policy1))
            .Set(Pki.PolicyMappings, true, Der.PolicyMappings((Policy1, Pki.AnyPolicy))));

        var result = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate).Certwright();

        Assert.Equal([FindingCodes.PolicyViolation], result.Codes);
        Assert.Contains("maps to or from anyPolicy", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InhibitAnyPolicy_AnyPolicyNoLongerMatches()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s
            .Set(Pki.CertificatePolicies, false, Der.Policies(Pki.AnyPolicy))
            .Set(Pki.InhibitAnyPolicy, true, Der.Integer(0))
            .Set(Pki.PolicyConstraints, true, Der.PolicyConstraints(0, null)));
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Pki.AnyPolicy)));

        var result = new Scenario(leaf, root).Presenting(intermediate).Certwright();

        Assert.Equal([FindingCodes.PolicyViolation], result.Codes);
    }

    [Fact]
    public async Task Validate_NonCriticalPolicyConstraints_Rejected()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s
            .Set(Pki.PolicyConstraints, false, Der.PolicyConstraints(3, null))
            .Set(Pki.CertificatePolicies, false, Der.Policies(Pki.AnyPolicy)));
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Set(Pki.CertificatePolicies, false, Der.Policies(Policy1)));
        var scenario = new Scenario(leaf, root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.PolicyViolation], result.Codes);
        Assert.Contains("marks policyConstraints non-critical", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }
}
