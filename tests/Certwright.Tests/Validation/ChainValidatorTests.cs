using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

public sealed class ChainValidatorTests
{
    [Theory]
    [InlineData(KeyKind.EcP256)]
    [InlineData(KeyKind.EcP384)]
    [InlineData(KeyKind.Rsa2048)]
    [InlineData(KeyKind.RsaPss2048)]
    [InlineData(KeyKind.Ed25519)]
    public async Task Validate_ValidThreeLevelChain_IsValidAndOpensslAgrees(KeyKind kind)
    {
        var root = Pki.Root(kind: kind);
        var intermediate = Pki.Intermediate(root, kind: kind);
        var leaf = Pki.Leaf(intermediate, kind: kind);
        var scenario = new Scenario(leaf, root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Findings);
        Assert.Equal([leaf.Sha256, intermediate.Sha256, root.Sha256], result.Path.Select(e => e.Sha256));
        Assert.Equal([CertificateSource.Target, CertificateSource.Presented, CertificateSource.TrustStore], result.Path.Select(e => e.Source));
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_MlDsaChain_IsValid()
    {
        // openssl 3.0 (Debian 12) has no ML-DSA, so only Certwright can judge this chain.
        var root = Pki.Root(kind: KeyKind.MlDsa65);
        var intermediate = Pki.Intermediate(root, kind: KeyKind.MlDsa65);
        var leaf = Pki.Leaf(intermediate, kind: KeyKind.EcP256);

        var result = new Scenario(leaf, root).Presenting(intermediate).Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(3, result.Path.Count);
    }

    [Fact]
    public async Task Validate_TwoLevelChain_IsValid()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root);
        var scenario = new Scenario(leaf, root);

        Assert.True(scenario.Certwright().IsValid);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_TamperedLeafSignature_BadSignature()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var leaf = Pki.Leaf(intermediate, tweak: s => s.TamperSignature = true);
        var scenario = new Scenario(leaf, root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.BadSignature], result.Codes);
        Assert.Contains("does not verify with the key of 'CN=Test Intermediate'", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(leaf.Sha256, result.Findings[0].Subject);
        Assert.Equal(7, result.Errors[0].OpensslCode);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_UnparsableTarget_CorruptCertificate()
    {
        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 },
            TrustStore = TrustStore.Empty,
            ValidationTime = Pki.Now,
        });

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.CorruptCertificate], result.Codes);
        Assert.Empty(result.Path);
    }

    [Fact]
    public void Validate_MultiRdnNames_ElementsAndMessagesUseTheInventorysRfc4514Form()
    {
        var root = Pki.Root("C=DE, O=Acme, CN=Acme Root");
        var intermediate = Pki.Intermediate(root, "C=DE, O=Acme, OU=PKI, CN=Acme Issuing CA");
        var leaf = Pki.Leaf(intermediate, tweak: s => s.Subject = Der.Name("C=DE, O=Acme, CN=example.com"));

        var valid = new Scenario(leaf, root).Presenting(intermediate).Certwright();
        var missing = new Scenario(leaf, root).Certwright();

        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));
        Assert.Equal(
            ["CN=example.com,O=Acme,C=DE", "CN=Acme Issuing CA,OU=PKI,O=Acme,C=DE", "CN=Acme Root,O=Acme,C=DE"],
            valid.Path.Select(e => e.Subject));
        Assert.Equal(
            [Certwright.Certificates.CertificateRecord.FromDer(leaf.Der).Issuer, "CN=Acme Root,O=Acme,C=DE", "CN=Acme Root,O=Acme,C=DE"],
            valid.Path.Select(e => e.Issuer));
        Assert.Equal([FindingCodes.IncompleteChain], missing.Codes);
        Assert.StartsWith("'CN=example.com,O=Acme,C=DE' (sha256 ", missing.Findings[0].Message, StringComparison.Ordinal);
        Assert.EndsWith(": its issuer 'CN=Acme Issuing CA,OU=PKI,O=Acme,C=DE' was not presented and is not a trust anchor", missing.Findings[0].Message, StringComparison.Ordinal);
    }
}
