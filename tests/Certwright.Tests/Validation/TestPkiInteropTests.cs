using Certwright.Policy;
using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

/// <summary>Chains made by the shared TestPki (.NET CertificateRequest), as other features' tests make them.</summary>
public sealed class TestPkiInteropTests
{
    [Fact]
    public void Validate_TestPkiChain_ValidWithOnlyTheEcKeyEnciphermentWarning()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);
        using var leaf = TestPki.CreateLeaf(intermediate, "localhost");

        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = leaf.Der,
            Intermediates = [intermediate.Der],
            TrustStore = TrustStore.FromPem(root.CertificatePem),
            ValidationTime = TimeProvider.System.GetUtcNow(),
            ExpectedHost = "localhost",
        });

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingCodes.InvalidKeyUsage, Severity.Warning), (finding.Code, finding.Severity));
    }

    [Fact]
    public void Validate_TestPkiRsaChain_ValidWithoutFindings()
    {
        using var root = TestPki.CreateRoot(keyType: TestKeyType.Rsa2048);
        using var intermediate = TestPki.CreateIntermediate(root, keyType: TestKeyType.Rsa2048);
        using var leaf = TestPki.CreateLeaf(intermediate, "localhost", keyType: TestKeyType.Rsa2048);

        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = leaf.Der,
            Intermediates = [intermediate.Der],
            TrustStore = TrustStore.FromPem(root.CertificatePem),
            ValidationTime = TimeProvider.System.GetUtcNow(),
            ExpectedHost = "localhost",
        });

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Findings);
    }
}
