using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>Extended key usage of the leaf and of the CAs above it, and leaf keyUsage against the purpose.</summary>
public sealed class PurposeTests
{
    [Fact]
    public async Task Validate_ClientAuthOnlyLeafForServer_WrongPurpose()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ClientAuth))), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.WrongPurpose], result.Codes);
        Assert.Contains("its extKeyUsage (clientAuth) does not include serverAuth", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_ClientAuthLeafForClient_Valid()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ClientAuth))), root)
        {
            Purpose = ValidationPurpose.Client,
            Host = null,
        };

        Assert.True(scenario.Certwright().IsValid);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IntermediateEkuWithoutServerAuth_WrongPurpose()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ClientAuth, Pki.EmailProtection)));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.WrongPurpose], result.Codes);
        Assert.Equal(intermediate.Sha256, result.Findings[0].Subject);
        Assert.Contains("cannot issue serverAuth certificates", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid); // openssl 3 also chains EKU through CAs for -purpose
    }

    [Fact]
    public void Validate_IntermediateEkuWithServerAuth_Valid()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ServerAuth, Pki.ClientAuth)));

        Assert.True(new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate).Certwright().IsValid);
    }

    [Fact]
    public async Task Validate_AnyExtendedKeyUsageInServerLeaf_RejectedUnderWebPkiAcceptedUnderRfc5280()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.AnyEku)));
        var scenario = new Scenario(leaf, root);

        Assert.Equal([FindingCodes.WrongPurpose], scenario.Certwright().Codes);
        scenario.Options = new ChainValidationOptions { Profile = ValidationProfile.Rfc5280 };
        var rfc5280 = scenario.Certwright();
        Assert.True(rfc5280.IsValid, string.Join("\n", rfc5280.Errors));
        Assert.False((await scenario.OpensslAsync()).IsValid); // openssl never lets anyExtendedKeyUsage stand for serverAuth
    }

    [Fact]
    public void Validate_ServerAuthMixedWithCodeSigning_WrongPurposeUnderWebPki()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.ServerAuth, Pki.CodeSigning)));

        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal([FindingCodes.WrongPurpose], result.Codes);
        Assert.Contains("mixes serverAuth with codeSigning", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LeafWithoutEku_ValidForServer()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Remove(Pki.ExtKeyUsage));

        Assert.True(new Scenario(leaf, root).Certwright().IsValid);
    }

    [Fact]
    public async Task Validate_EcLeafWithKeyEnciphermentOnly_InvalidKeyUsage()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.KeyEncipherment))), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.InvalidKeyUsage], result.Codes);
        Assert.Contains("allows no TLS serverAuth use of a EC P-256 key", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains(result.Errors, e => e.IsWarning && e.Message.Contains("(RFC 5480 3)", StringComparison.Ordinal)); // EC keys do not encipher
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl accepts keyEncipherment for any key type
    }

    [Theory]
    [InlineData(KeyKind.MlDsa65)]
    [InlineData(KeyKind.Ed25519)]
    public void Validate_SignatureOnlyKeyClaimingKeyEncipherment_InvalidKeyUsage(KeyKind kind)
    {
        var root = Pki.Root(kind: kind);
        var leaf = Pki.Leaf(root, kind: kind, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.DigitalSignature, Pki.KeyEncipherment)));

        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal([FindingCodes.InvalidKeyUsage], result.Codes);
        Assert.Contains("signature-only key (RFC 8410 5, RFC 9881 5)", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MlDsaLeafUnderMlDsaRoot_Valid()
    {
        var root = Pki.Root(kind: KeyKind.MlDsa65);

        Assert.True(new Scenario(Pki.Leaf(root, kind: KeyKind.MlDsa65), root).Certwright().IsValid);
    }

    [Fact]
    public void Validate_MlDsaSignatureFromImpostorKey_BadSignature()
    {
        var root = Pki.Root(kind: KeyKind.MlDsa65);
        var impostor = Pki.Root(kind: KeyKind.MlDsa65);
        var leaf = Pki.Leaf(impostor, kind: KeyKind.MlDsa65, tweak: s => s.Set(Pki.AuthorityKeyId, false, Der.AuthorityKeyId(root.Key.Spki)));

        Assert.Equal([FindingCodes.BadSignature], new Scenario(leaf, root).Certwright().Codes);
    }

    [Fact]
    public void Validate_RsaLeafWithKeyEnciphermentOnly_Valid()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, kind: KeyKind.Rsa2048, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.KeyEncipherment)));

        Assert.True(new Scenario(leaf, root).Certwright().IsValid);
    }

    [Fact]
    public void Validate_PurposeAnyIgnoresEku()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.ExtKeyUsage, false, Der.Oids(Pki.EmailProtection)));

        var result = new Scenario(leaf, root) { Purpose = ValidationPurpose.Any }.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(ValidationProfile.Rfc5280, result.Profile);
    }
}
