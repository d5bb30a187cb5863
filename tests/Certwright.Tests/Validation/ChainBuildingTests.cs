using Certwright.Policy;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>Path building: missing, extra, misordered, duplicated and cross-signed certificates.</summary>
public sealed class ChainBuildingTests
{
    [Fact]
    public async Task Validate_MissingIntermediate_IncompleteChainNamingTheIssuer()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), root);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.IncompleteChain], result.Codes);
        Assert.Contains("its issuer 'CN=Test Intermediate' was not presented and is not a trust anchor", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(20, result.Errors[0].OpensslCode);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public void Validate_IntermediateKnownButNotPresented_ValidWithIncompleteChainWarning()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), root);
        scenario.ExtraIntermediates.Add(intermediate);

        var result = scenario.Certwright();

        Assert.True(result.IsValid);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.IncompleteChain, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(intermediate.Sha256, finding.Subject);
        Assert.Equal(CertificateSource.Extra, result.Path[1].Source);
    }

    [Fact]
    public async Task Validate_PresentedOutOfOrder_ValidWithWrongChainOrderWarning()
    {
        var root = Pki.Root();
        var first = Pki.Intermediate(root, "CN=First");
        var second = Pki.Intermediate(first, "CN=Second");
        var leaf = Pki.Leaf(second);
        var scenario = new Scenario(leaf, root).Presenting(first, second);

        var result = scenario.Certwright();

        Assert.True(result.IsValid);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.WrongChainOrder, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("it should be certificate 1 of the presented chain, but it is certificate 2", finding.Message, StringComparison.Ordinal);
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl does not look at the order at all
    }

    [Fact]
    public void Validate_OutOfOrderWhenOrderRequired_Invalid()
    {
        var root = Pki.Root();
        var first = Pki.Intermediate(root, "CN=First");
        var second = Pki.Intermediate(first, "CN=Second");
        var scenario = new Scenario(Pki.Leaf(second), root)
        {
            Options = new ChainValidationOptions { RequirePresentedOrder = true },
        }.Presenting(first, second);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.WrongChainOrder], result.Codes);
    }

    [Fact]
    public void Validate_JunkDuplicatesAndUnrelatedCertificates_StillValidAndInOrder()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var unrelated = Pki.Intermediate(Pki.Root("CN=Other Root"), "CN=Unrelated");
        var scenario = new Scenario(Pki.Leaf(intermediate), root).Presenting(intermediate, intermediate, unrelated, root);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Findings);
        Assert.Equal(3, result.Path.Count);
    }

    [Fact]
    public void Validate_GarbagePresented_IgnoredWithWarning()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = Pki.Leaf(intermediate).Der,
            Intermediates = [new byte[] { 1, 2, 3 }, intermediate.Der],
            TrustStore = TrustStore.FromCertificates([root.Der]),
            ValidationTime = Pki.Now,
            ExpectedHost = "example.com",
        });

        // Junk before the issuer is both: an unreadable certificate, and an issuer out of place.
        Assert.True(result.IsValid);
        Assert.Equal([FindingCodes.CorruptCertificate, FindingCodes.WrongChainOrder], result.Codes);
        Assert.StartsWith("presented certificate 1 was ignored", result.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyPresentedCertificates_RestIgnoredWithWarning()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var junk = Enumerable.Range(0, 5).Select(i => Pki.Root($"CN=Junk {i}")).ToArray();
        var scenario = new Scenario(Pki.Leaf(intermediate), root)
        {
            Options = new ChainValidationOptions { MaxIntermediates = 5 },
        }.Presenting(junk).Presenting(intermediate);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Contains(result.Findings, f => f.Message == "6 presented certificates; only the first 5 were considered");
        Assert.Contains(FindingCodes.IncompleteChain, result.Codes);
    }

    [Fact]
    public async Task Validate_SelfSignedLeafNotTrusted_SelfSigned()
    {
        var leaf = Pki.SelfSignedLeaf();
        var scenario = new Scenario(leaf, Pki.Root());

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.SelfSigned], result.Codes);
        Assert.Equal(18, result.Errors[0].OpensslCode);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_SelfSignedLeafInTrustStore_Valid()
    {
        var leaf = Pki.SelfSignedLeaf();
        var scenario = new Scenario(leaf, leaf);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CertificateSource.TrustStore, Assert.Single(result.Path).Source);
        Assert.True((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_PresentedRootNotTrusted_UntrustedRoot()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), Pki.Root("CN=Some Other Root")).Presenting(intermediate, root);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.UntrustedRoot], result.Codes);
        Assert.Equal(root.Sha256, result.Findings[0].Subject);
        Assert.Equal(3, result.Path.Count);
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IntermediateAsTrustAnchor_PathEndsThere()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), intermediate).Presenting(root);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Path.Count);
        Assert.True(result.Path[1].IsTrustAnchor);

        // openssl needs -partial_chain to stop at a trust anchor that is not self-signed.
        Assert.False((await scenario.OpensslAsync()).IsValid);
    }

    [Fact]
    public async Task Validate_IntermediateOnlyInTrustStoreNotPresented_ValidWithIncompleteChainWarning()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var scenario = new Scenario(Pki.Leaf(intermediate), root, intermediate);

        var result = scenario.Certwright();
        Assert.True((await scenario.OpensslAsync()).IsValid); // openssl is silent about the missing intermediate

        Assert.True(result.IsValid);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingCodes.IncompleteChain, Severity.Warning), (finding.Code, finding.Severity));
        Assert.Contains("the path was completed from the trust store", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExpiredCrossSignAndValidRoot_FindsTheValidPath()
    {
        // The "chain of pain": the server sends the new root cross-signed by an old, now expired root.
        var oldRoot = Pki.Root("CN=Old Root");
        var newRootKey = TestKey.Create();
        var newRoot = Pki.Root("CN=New Root", tweak: s => s.Key = newRootKey);
        var crossSigned = Pki.Intermediate(oldRoot, "CN=New Root", key: newRootKey,
            tweak: s => s.NotAfter = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var intermediate = Pki.Intermediate(newRoot);
        var scenario = new Scenario(Pki.Leaf(intermediate), oldRoot, newRoot).Presenting(intermediate, crossSigned);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(newRoot.Sha256, result.Path[^1].Sha256);

        // openssl 3.0 follows the presented cross-sign to the old root and stops at its expiry.
        var openssl = await scenario.OpensslAsync();
        Assert.False(openssl.IsValid);
        Assert.Contains("error 10 at 2 depth lookup: certificate has expired", openssl.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CrossSignedIntermediateOnlyPathThroughValidRoot_ChoosesValidBranch()
    {
        // Two certificates for the same intermediate key: one from an untrusted root, one from the trusted root.
        var untrustedRoot = Pki.Root("CN=Untrusted Root");
        var trustedRoot = Pki.Root("CN=Trusted Root");
        var key = TestKey.Create();
        var viaUntrusted = Pki.Intermediate(untrustedRoot, "CN=Shared", key: key);
        var viaTrusted = Pki.Intermediate(trustedRoot, "CN=Shared", key: key);
        var scenario = new Scenario(Pki.Leaf(viaUntrusted), trustedRoot).Presenting(viaUntrusted, untrustedRoot, viaTrusted);

        var result = scenario.Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(viaTrusted.Sha256, result.Path[1].Sha256);
    }

    [Fact]
    public void Validate_IntermediatesSigningEachOther_TerminatesInvalid()
    {
        var keyA = TestKey.Create();
        var keyB = TestKey.Create();
        var a = TestCert.Sign(CaSpec("CN=Loop A", "CN=Loop B", keyA, keyB), keyB);
        var b = TestCert.Sign(CaSpec("CN=Loop B", "CN=Loop A", keyB, keyA), keyA);
        var scenario = new Scenario(Pki.Leaf(a), Pki.Root()).Presenting(a, b);

        var result = scenario.Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.IncompleteChain], result.Codes);
    }

    [Fact]
    public void Validate_NameChainingIgnoresCaseWhitespaceAndStringType()
    {
        // RFC 5280 7.1: "CN=Test   ROOT" as UTF8String chains to "CN=test root" as PrintableString.
        var root = Pki.Root(tweak: s => s.Subject = s.Issuer = Der.Name("CN=test root", System.Formats.Asn1.UniversalTagNumber.PrintableString));
        var leaf = Pki.Leaf(root, tweak: s => s.Issuer = Der.Name("CN=  Test   ROOT "));

        var result = new Scenario(leaf, root).Certwright();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Validate_NameChainingRespectsRdnOrder()
    {
        var root = Pki.Root("O=Acme, CN=Root");
        var leaf = Pki.Leaf(root, tweak: s => s.Issuer = Der.Name("CN=Root, O=Acme"));

        var result = new Scenario(leaf, root).Certwright();

        Assert.False(result.IsValid);
        Assert.Equal([FindingCodes.IncompleteChain], result.Codes);
    }

    private static CertSpec CaSpec(string subject, string issuer, TestKey key, TestKey issuerKey)
    {
        var spec = new CertSpec { Subject = Der.Name(subject), Issuer = Der.Name(issuer), Key = key };
        spec.Set(Pki.BasicConstraints, true, Der.BasicConstraints(true));
        spec.Set(Pki.KeyUsage, true, Der.KeyUsage(Pki.KeyCertSign));
        spec.Set(Pki.SubjectKeyId, false, Der.KeyId(key.Spki));
        spec.Set(Pki.AuthorityKeyId, false, Der.AuthorityKeyId(issuerKey.Spki));
        return spec;
    }
}
