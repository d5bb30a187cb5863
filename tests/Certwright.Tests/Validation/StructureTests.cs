using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>Certificate structure: critical extensions, key identifiers, names, serials, algorithms and keys.</summary>
public sealed class StructureTests
{
    private const string UnknownOid = "1.3.6.1.4.1.55738.666.1";

    [Fact]
    public async Task Validate_UnknownCriticalExtensionInLeaf_Rejected()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Add(UnknownOid, true, Der.Null())), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.UnknownCriticalExtension], result.Codes);
        Assert.Contains($"unknown critical extension {UnknownOid}", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(34, result.Errors[0].OpensslCode);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_UnknownCriticalExtensionInIntermediate_Rejected()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Add(UnknownOid, true, Der.Null()));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.UnknownCriticalExtension], result.Codes);
        Assert.Equal(1, result.Errors[0].Depth);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_UnknownCriticalExtensionInRoot_Rejected()
    {
        var root = Pki.Root(tweak: s => s.Add(UnknownOid, true, Der.Null()));

        Assert.Equal([FindingCodes.UnknownCriticalExtension], new Scenario(Pki.Leaf(root), root).Certwright().Codes);
    }

    [Fact]
    public void Validate_UnknownNonCriticalExtension_Ignored()
    {
        var root = Pki.Root();

        Assert.True(new Scenario(Pki.Leaf(root, tweak: s => s.Add(UnknownOid, false, Der.Null())), root).Certwright().IsValid);
    }

    [Fact]
    public async Task Validate_DuplicateExtension_Rejected()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Add(Pki.SubjectAltName, false, Der.GeneralNames(Der.Dns("example.com"))));
        var scenario = new Scenario(leaf, root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
        Assert.Contains("extension 2.5.29.17 appears more than once", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_MalformedSubjectAltName_Rejected()
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, false, "example.com"u8.ToArray())), root) { Host = null };

        var result = scenario.Certwright();

        Assert.Contains(FindingCodes.NonconformingCertificate, result.Codes);
        Assert.Contains("extension subjectAltName is malformed", string.Join("\n", result.Errors), StringComparison.Ordinal);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IntermediateWithoutAuthorityKeyId_Rejected()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root, tweak: s => s.Remove(Pki.AuthorityKeyId));
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
        Assert.Contains("has no authorityKeyIdentifier keyIdentifier", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_CaWithoutSubjectKeyId_Rejected()
    {
        var root = Pki.Root(tweak: s => s.Remove(Pki.SubjectKeyId));
        var scenario = new Scenario(Pki.Leaf(root), root);

        Assert.Equal([FindingCodes.NonconformingCertificate], scenario.Certwright().Codes);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_CriticalAuthorityKeyId_Rejected()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.AuthorityKeyId, true, Der.AuthorityKeyId(root.Key.Spki)));

        var result = new Scenario(leaf, root).Certwright();

        Assert.Equal([FindingCodes.NonconformingCertificate], result.Codes);
        Assert.Contains("authorityKeyIdentifier is marked critical", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Sha1Signature_WeakUnderWebPkiWarningUnderRfc5280()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.SignatureAlgorithm = "SHA1WITHECDSA");
        var scenario = new Scenario(leaf, root);

        Assert.Equal([FindingCodes.Sha1Signature], scenario.Certwright().Codes);
        scenario.Options = new ChainValidationOptions { Profile = ValidationProfile.Rfc5280 };
        var relaxed = scenario.Certwright();
        Assert.True(relaxed.IsValid);
        Assert.Equal(Severity.Warning, relaxed.Findings.Single().Severity);
        Assert.True((await scenario.OpensslAsync()).IsValid); // security level 1 still accepts SHA-1 signatures
    }

    [Fact]
    public void Validate_Md5Signature_RejectedInEveryProfile()
    {
        var root = Pki.Root(kind: KeyKind.Rsa2048);
        var leaf = Pki.Leaf(root, tweak: s => s.SignatureAlgorithm = "MD5WITHRSA");
        var scenario = new Scenario(leaf, root) { Options = new ChainValidationOptions { Profile = ValidationProfile.Rfc5280 } };

        Assert.Contains(FindingCodes.WeakSignatureAlgorithm, scenario.Certwright().Codes);
    }

    [Theory]
    [InlineData(KeyKind.Rsa1024)]
    [InlineData(KeyKind.EcP192)]
    public async Task Validate_WeakLeafKey_WeakKeyUnderWebPki(KeyKind kind)
    {
        var root = Pki.Root();
        var scenario = new Scenario(Pki.Leaf(root, kind: kind), root);

        var result = scenario.Certwright();

        Assert.Equal([FindingCodes.WeakKey], result.Codes);
        Assert.True((await scenario.OpensslAsync()).IsValid); // security level 1 (80 bits) admits both
    }

    [Fact]
    public void Validate_DsaKeyAndSignature_RejectedUnderWebPki()
    {
        var root = Pki.Root(kind: KeyKind.Dsa2048);
        var result = new Scenario(Pki.Leaf(root), root).Certwright();

        Assert.Contains(FindingCodes.WeakKey, result.Codes);
        Assert.Contains(FindingCodes.WeakSignatureAlgorithm, result.Codes);
    }

    [Fact]
    public void Validate_NegativeSerial_RejectedUnderWebPkiOnly()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Serial = [0xF0, 0x12, 0x34]);
        var scenario = new Scenario(leaf, root);

        Assert.Equal([FindingCodes.NonconformingCertificate], scenario.Certwright().Codes);
        scenario.Options = new ChainValidationOptions { Profile = ValidationProfile.Rfc5280 };
        Assert.True(scenario.Certwright().IsValid);
    }

    [Fact]
    public void Validate_RootWithSerialZero_AcceptedAsAnchor()
    {
        // Go Daddy Root G2 and Starfield Root G2 have serial 0 and are trusted by every browser.
        var root = Pki.Root(tweak: s => s.Serial = [0x00]);

        Assert.True(new Scenario(Pki.Leaf(root), root).Certwright().IsValid);
        Assert.Equal([FindingCodes.NonconformingCertificate], new Scenario(Pki.Leaf(root, tweak: s => s.Serial = [0x00]), root).Certwright().Codes);
    }

    [Fact]
    public void Validate_EmptySubjectWithCriticalSan_Valid()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s =>
        {
            s.Subject = Der.EmptyName();
            s.Set(Pki.SubjectAltName, true, Der.GeneralNames(Der.Dns("example.com")));
        });

        Assert.True(new Scenario(leaf, root).Certwright().IsValid);
    }

    [Fact]
    public void Validate_EmptySubjectWithNonCriticalSan_Rejected()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Subject = Der.EmptyName());

        Assert.Equal([FindingCodes.NonconformingCertificate], new Scenario(leaf, root).Certwright().Codes);
    }

    [Fact]
    public void Validate_CriticalSanWithSubject_RejectedUnderWebPki()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s => s.Set(Pki.SubjectAltName, true, Der.GeneralNames(Der.Dns("example.com"))));

        Assert.Equal([FindingCodes.NonconformingCertificate], new Scenario(leaf, root).Certwright().Codes);
    }

    [Fact]
    public void Validate_EmptyKeyUsage_Rejected()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, kind: KeyKind.Rsa2048, tweak: s => s.Set(Pki.KeyUsage, true, Der.KeyUsage()));

        var result = new Scenario(leaf, root).Certwright();

        Assert.Contains(FindingCodes.InvalidKeyUsage, result.Codes);
        Assert.Contains("no key usage bit is set", string.Join("\n", result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Version1ServerLeaf_RejectedUnderWebPki()
    {
        var root = Pki.Root();
        var leaf = Pki.Leaf(root, tweak: s =>
        {
            s.Version = 1;
            s.Extensions.Clear();
        });

        var result = new Scenario(leaf, root) { Host = null }.Certwright();

        Assert.Contains(FindingCodes.NonconformingCertificate, result.Codes);
        Assert.Contains(FindingCodes.MissingSan, result.Codes);
    }
}
