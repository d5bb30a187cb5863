using Certwright.Keys;
using Certwright.Keys.Internal;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.Security;

namespace Certwright.Tests.Keys;

/// <summary>Keys in a real SoftHSM2 token; one collection because the module and its config are per process.</summary>
[Collection(nameof(SoftHsm))]
public sealed class Pkcs11KeyStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ec-p256", "ecdsa-with-SHA256")]
    [InlineData("ec-p384", "ecdsa-with-SHA384")]
    [InlineData("rsa-2048", "sha256WithRSAEncryption")]
    public async Task GenerateAsync_InToken_CertificateAndCrlSignedThroughTokenVerifyWithOpenSsl(string typeName, string opensslAlgorithm)
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        using var key = await store.GenerateAsync(KeyTypes.Parse(typeName), "hsm ca", CancellationToken.None);
        var certificate = KeyCertificates.SelfSigned(key);
        var ca = _dir.Write("ca.pem", KeyCertificates.Pem("CERTIFICATE", certificate.GetEncoded()));
        var crl = _dir.Write("ca.crl", KeyCertificates.Pem("X509 CRL", KeyCertificates.Crl(key, certificate).GetEncoded()));

        var verify = await OpenSsl.RunAsync("verify", "-CAfile", ca, ca);
        var text = await OpenSsl.RunAsync("x509", "-in", ca, "-noout", "-text");
        var crlCheck = await OpenSsl.TryRunAsync("crl", "-in", crl, "-CAfile", ca, "-noout");

        Assert.Equal($"{ca}: OK\n", verify);
        Assert.Contains($"Signature Algorithm: {opensslAlgorithm}", text, StringComparison.Ordinal);
        Assert.Contains("verify OK", crlCheck.StandardError + crlCheck.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PrivateKey_SensitiveNotExtractableOnTokenAndValueUnreadable()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        using var key = (Pkcs11SigningKey)await store.GenerateAsync(KeyType.EcP256, "hsm ca", CancellationToken.None);

        var attributes = key.Connection.Run((library, session) =>
            new[] { Ck.CKA_EXTRACTABLE, Ck.CKA_SENSITIVE, Ck.CKA_TOKEN, Ck.CKA_NEVER_EXTRACTABLE, Ck.CKA_VALUE }
                .Select(a => library.Attribute(session, key.PrivateKeyHandle, a))
                .ToArray());

        Assert.Equal(new byte[] { 0 }, attributes[0]);
        Assert.Equal(new byte[] { 1 }, attributes[1]);
        Assert.Equal(new byte[] { 1 }, attributes[2]);
        Assert.Equal(new byte[] { 1 }, attributes[3]);
        Assert.Null(attributes[4]);
        Assert.Equal(Ck.CKR_ATTRIBUTE_SENSITIVE, key.Connection.Run((library, session) => library.ProbeAttribute(session, key.PrivateKeyHandle, Ck.CKA_VALUE)));
    }

    [Fact]
    public async Task GenerateAsync_PrivateKey_Pkcs11ToolSeesItNeverExtractable()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using (var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None))
        {
            using var key = await store.GenerateAsync(KeyType.EcP384, "hsm ca", CancellationToken.None);
        }

        var tool = await ProcessResult.RunAsync(
            ExternalTool.Require("pkcs11-tool", "opensc"),
            ["--module", SoftHsm.ModulePath, "--token-label", options.TokenLabel, "--login", "--pin", SoftHsm.UserPin, "--list-objects", "--type", "privkey"],
            TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["SOFTHSM2_CONF"] = SoftHsm.ConfigPath });

        var output = tool.EnsureSuccess().StandardOutput;
        Assert.Contains("Private Key Object; EC", output, StringComparison.Ordinal);
        Assert.Contains("label:      hsm ca", output, StringComparison.Ordinal);
        Assert.Contains("Access:     sensitive, always sensitive, never extractable, local", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewStoreInstance_FindsKeyByIdAndSignsWithSamePublicKey()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        string id;
        byte[] spki;
        using (var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None))
        {
            using var generated = await store.GenerateAsync(KeyType.EcP256, "reopen", CancellationToken.None);
            (id, spki) = (generated.Id, generated.SubjectPublicKeyInfo);
        }

        using var again = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        using var key = await again.OpenAsync(id, CancellationToken.None);

        Assert.Equal(KeyType.EcP256, key.Type);
        Assert.Equal(spki, key.SubjectPublicKeyInfo);
        KeyCertificates.SelfSigned(key).Verify(PublicKeyFactory.CreateKey(spki));
    }

    [Fact]
    public async Task ListAsync_TwoKeys_NotExtractablePkcs11()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        using var a = await store.GenerateAsync(KeyType.EcP256, "one", CancellationToken.None);
        using var b = await store.GenerateAsync(KeyType.Rsa2048, "two", CancellationToken.None);

        var listed = await store.ListAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(
            new[] { new KeyInfo(a.Id, "one", KeyType.EcP256, KeyStoreKind.Pkcs11, null, false), new KeyInfo(b.Id, "two", KeyType.Rsa2048, KeyStoreKind.Pkcs11, null, false) }
                .OrderBy(k => k.Id, StringComparer.Ordinal),
            listed);
    }

    [Fact]
    public async Task Sign_Concurrently_AllSignaturesVerify()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        using var key = await store.GenerateAsync(KeyType.EcP256, "parallel", CancellationToken.None);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo, out _);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
        {
            var data = BitConverter.GetBytes(i);
            return ecdsa.VerifyData(data, key.Sign(data), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task OpenAsync_WrongPin_UsageErrorWithoutThePin()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        var wrongPin = _dir.Write("wrong-pin", "wrong-pin-000\n");

        var e = await Assert.ThrowsAsync<CertwrightException>(() => Pkcs11KeyStore.OpenAsync(options with { PinFile = wrongPin }, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal($"PKCS#11 token '{options.TokenLabel}' refused the PIN from '{wrongPin}' (CKR_PIN_INCORRECT); check --pkcs11-pin-file", e.Message);
    }

    [Fact]
    public async Task OpenAsync_UnknownToken_UsageErrorListingTokens()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => Pkcs11KeyStore.OpenAsync(options with { TokenLabel = "no-such-token" }, CancellationToken.None));

        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.StartsWith($"no PKCS#11 token labelled 'no-such-token' in '{SoftHsm.ModulePath}' (tokens: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{options.TokenLabel}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MissingModule_UsageError()
    {
        var pin = _dir.Write("pin", "1234\n");

        var e = await Assert.ThrowsAsync<CertwrightException>(
            () => Pkcs11KeyStore.OpenAsync(new Pkcs11Options("/nonexistent/libpkcs11.so", "t", pin), CancellationToken.None));

        Assert.Equal("PKCS#11 module '/nonexistent/libpkcs11.so' does not exist; check --pkcs11-module", e.Message);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ml-dsa-65")]
    public async Task GenerateAsync_TypeTheTokenCannotHold_UsageError(string typeName)
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => store.GenerateAsync(KeyTypes.Parse(typeName), "x", CancellationToken.None));

        Assert.Equal(
            $"key type {typeName} is not supported in a PKCS#11 token; use rsa-2048, rsa-3072, rsa-4096, ec-p256 or ec-p384, or --store file",
            e.Message);
    }

    [Fact]
    public async Task OpenAsync_UnknownId_UsageError()
    {
        var options = await SoftHsm.CreateTokenAsync(_dir);
        using var store = await Pkcs11KeyStore.OpenAsync(options, CancellationToken.None);
        var id = new string('d', 32);

        var e = await Assert.ThrowsAsync<CertwrightException>(() => store.OpenAsync(id, CancellationToken.None));

        Assert.Equal($"no key '{id}' in PKCS#11 token '{options.TokenLabel}'; `certwright key list --store pkcs11` shows the keys", e.Message);
    }
}

[CollectionDefinition(nameof(SoftHsm))]
public sealed class SoftHsmCollection;
