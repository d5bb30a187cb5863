using System.Diagnostics;
using Certwright.Validation;
using Xunit.Abstractions;

namespace Certwright.Tests.Validation;

/// <summary>The scanner validates every endpoint: 1,000 endpoints must go through at 400+ per second.</summary>
public sealed class PerformanceTests
{
    private readonly ITestOutputHelper _output;

    public PerformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Validate_ThousandEndpointsSharingAnIntermediate_FastAndCachedOnRepeat()
    {
        var root = Pki.Root(kind: KeyKind.Rsa2048);
        var intermediate = Pki.Intermediate(root, kind: KeyKind.Rsa2048);
        var leaves = Enumerable.Range(0, 1000).Select(i => Pki.Leaf(intermediate, $"host{i}.example.com")).ToList();
        var store = TrustStore.FromCertificates([root.Der]);
        var validator = new ChainValidator();
        ChainValidationRequest Request(int i) => new()
        {
            Target = leaves[i].Der,
            Intermediates = [intermediate.Der],
            TrustStore = store,
            ValidationTime = Pki.Now,
            ExpectedHost = $"host{i}.example.com",
        };

        var cold = Stopwatch.StartNew();
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.True(validator.Validate(Request(i)).IsValid);
        }

        cold.Stop();
        var cachedAfterFirstPass = validator.CachedSignatures;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.True(validator.Validate(Request(i)).IsValid);
        }

        warm.Stop();
        var coldRate = leaves.Count / cold.Elapsed.TotalSeconds;
        var warmRate = leaves.Count / warm.Elapsed.TotalSeconds;
        _output.WriteLine($"cold: {coldRate:F0} validations/s, warm: {warmRate:F0} validations/s");

        // One leaf signature per endpoint plus the shared intermediate's; a repeat verifies nothing new.
        Assert.Equal(leaves.Count + 1, cachedAfterFirstPass);
        Assert.Equal(cachedAfterFirstPass, validator.CachedSignatures);
        Assert.True(coldRate > 400, $"cold rate {coldRate:F0}/s is below the scanner's 400/s");
        Assert.True(warmRate > coldRate, $"warm {warmRate:F0}/s is not faster than cold {coldRate:F0}/s");
    }

    [Fact]
    public void Validate_ConcurrentCallersShareOneValidator()
    {
        var root = Pki.Root();
        var intermediate = Pki.Intermediate(root);
        var leaves = Enumerable.Range(0, 64).Select(i => Pki.Leaf(intermediate, $"h{i}.example.com")).ToList();
        var store = TrustStore.FromCertificates([root.Der]);
        var validator = new ChainValidator(signatureCacheSize: 16, certificateCacheSize: 16);
        var results = new bool[leaves.Count * 4];

        Parallel.For(0, results.Length, i => results[i] = validator.Validate(new ChainValidationRequest
        {
            Target = leaves[i % leaves.Count].Der,
            Intermediates = [intermediate.Der],
            TrustStore = store,
            ValidationTime = Pki.Now,
            ExpectedHost = $"h{i % leaves.Count}.example.com",
        }).IsValid);

        Assert.All(results, Assert.True);
        Assert.True(validator.CachedSignatures <= 16);
    }
}
