using Certwright.Tests.TestSupport;
using Certwright.Validation;

namespace Certwright.Tests.Validation;

public sealed class TrustStoreTests
{
    [Fact]
    public void FromPem_MixedContent_LoadsCertificatesAndReportsGarbage()
    {
        var a = Pki.Root("CN=A");
        var b = Pki.Root("CN=B");
        var pem = "junk\n" + a.Pem + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" + b.Pem + a.Pem
            + "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";

        var store = TrustStore.FromPem(pem, "bundle.pem");

        Assert.Equal(2, store.Count);
        var skipped = Assert.Single(store.Skipped);
        Assert.StartsWith("certificate 3 in bundle.pem was skipped: not a DER X.509 certificate", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFileAsync_MissingFile_UsageErrorNamingThePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nope.pem");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => TrustStore.LoadFileAsync(path));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal($"CA file '{path}' does not exist; check the path", error.Message);
    }

    [Fact]
    public async Task LoadFileAsync_NoCertificates_UsageError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("empty.pem", "hello\n");

        var error = await Assert.ThrowsAsync<CertwrightException>(() => TrustStore.LoadFileAsync(path));

        Assert.Contains("holds no usable PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSystemAsync_DebianBundle_LoadsAllRootsAsVetted()
    {
        ExternalTool.Require("update-ca-certificates", "ca-certificates");
        var store = await TrustStore.LoadSystemAsync();

        var expected = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt").Split("-----BEGIN CERTIFICATE-----").Length - 1;
        Assert.True(store.IsVendorVetted);
        Assert.Equal(expected, store.Count + store.Skipped.Count);
        Assert.True(store.Count > 100);
    }

    [Fact]
    public async Task LoadSystemAsync_EveryDebianRootValidatesAsItsOwnAnchor()
    {
        // Real roots are older than today's rules; none may trip the parser or the RFC 5280 checks.
        var store = await TrustStore.LoadSystemAsync();
        var validator = new ChainValidator();
        var failures = new List<string>();
        foreach (var root in store.Anchors)
        {
            var result = validator.Validate(new ChainValidationRequest
            {
                Target = root.Der,
                TrustStore = store,
                ValidationTime = root.NotBefore.AddDays(1),
                Purpose = ValidationPurpose.Any,
            });
            if (!result.IsValid)
            {
                failures.AddRange(result.Errors.Where(e => !e.IsWarning).Select(e => e.Message));
            }
        }

        Assert.Empty(store.Skipped);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task LoadFileAsync_CaFile_ValidatesAChain()
    {
        using var dir = new TempDirectory();
        var root = Pki.Root();
        var path = dir.Write("ca.pem", root.Pem);

        var store = await TrustStore.LoadFileAsync(path);
        var result = new ChainValidator().Validate(new ChainValidationRequest
        {
            Target = Pki.Leaf(root).Der,
            TrustStore = store,
            ValidationTime = Pki.Now,
            ExpectedHost = "example.com",
        });

        Assert.False(store.IsVendorVetted);
        Assert.True(result.IsValid);
        Assert.Equal(path, store.Source);
    }

    [Fact]
    public async Task LoadFileAsync_DerPkcs7AndTrustedCertificateFiles_LoadTheAnchors()
    {
        using var dir = new TempDirectory();
        var root = Pki.Root();
        var pem = dir.Write("ca.pem", root.Pem);
        var der = dir.Write("ca.der", root.Der);
        var p7b = dir.File("ca.p7b");
        await OpenSsl.RunAsync("crl2pkcs7", "-nocrl", "-certfile", pem, "-outform", "DER", "-out", p7b);
        var trusted = dir.Write("ca-trusted.pem", await OpenSsl.RunAsync("x509", "-in", pem, "-addtrust", "serverAuth"));

        foreach (var path in new[] { der, p7b, trusted })
        {
            var store = await TrustStore.LoadFileAsync(path);
            var result = new ChainValidator().Validate(new ChainValidationRequest
            {
                Target = Pki.Leaf(root).Der,
                TrustStore = store,
                ValidationTime = Pki.Now,
                ExpectedHost = "example.com",
            });

            Assert.Equal(1, store.Count);
            Assert.Empty(store.Skipped);
            Assert.True(result.IsValid, $"{path}: {string.Join("; ", result.Errors)}");
        }
    }

    [Fact]
    public void FromPem_InvalidBase64Block_SkippedWithWhere()
    {
        var root = Pki.Root();

        var store = TrustStore.FromPem(root.Pem + "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n", "ca.pem");

        Assert.Equal(1, store.Count);
        Assert.Equal("PEM block 2 (CERTIFICATE) at line " + (root.Pem.Count(c => c == '\n') + 1) + ": the base64 text is invalid", Assert.Single(store.Skipped));
    }
}
