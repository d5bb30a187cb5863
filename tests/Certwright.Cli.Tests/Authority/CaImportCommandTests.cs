using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.Authority.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Authority;

/// <summary><c>ca import</c> of CAs made with the openssl CLI, then <c>issue</c> from them, against the published executable.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CaImportCommandTests(CliFixture cli) : IDisposable
{
    private readonly CliSession _session = cli.NewSession();
    private string? _passphrase;

    public void Dispose() => _session.Dispose();

    private string Passphrase => _passphrase ??= _session.Work.Write("passphrase", "import cli passphrase 1234\n");

    [Theory]
    [InlineData(false, "ec-p256")]
    [InlineData(true, "rsa-2048")]
    public async Task Import_OpensslCa_IssuedLeafVerifiesAgainstTheImportedChain(bool rsa, string keyType)
    {
        var ca = await OpenSslCa.CreateAsync(_session.Work, rsa ? "rsa" : "ec", rsa);

        var import = (await _session.RunAsync("ca", "import", "ext", "--cert", ca.IssuingPem, "--key", ca.IssuingKey, "--chain", ca.RootPem, "--key-passphrase-file", Passphrase, "--json")).ExpectExit(0).Json("ca");
        var prefix = _session.Work.File("api");
        (await _session.RunAsync("issue", "--ca", "ext", "--profile", "server", "--cn", "api.internal", "--out", prefix, "--key-passphrase-file", Passphrase)).ExpectExit(0);

        var ext = import.GetProperty("ca");
        Assert.Equal(("ext", keyType, "file", $"CN={ca.Prefix} Issuing CA"), (ext.Str("name"), ext.Str("keyType"), ext.Str("keyStore"), ext.Str("issuingSubject")));
        Assert.Equal($"{prefix}.crt: OK\n", await OpenSsl.RunAsync("verify", "-CAfile", ca.RootPem, "-untrusted", prefix + ".crt", prefix + ".crt"));
        Assert.Equal(await File.ReadAllTextAsync(ca.RootPem), (await _session.RunAsync("ca", "cert", "ext", "--root")).ExpectExit(0).StandardOutput);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_session.DataDirectory, "keys", ext.Str("keyId") + ".key")));
    }

    [Fact]
    public async Task Import_EncryptedKeyWithPasswordFile_ThenListed()
    {
        var ca = await OpenSslCa.CreateAsync(_session.Work, "enc", rsa: false);
        var key = await ca.EncryptedIssuingKeyAsync("key password 42");
        var password = _session.Work.Write("key-password", "key password 42\n");

        var run = (await _session.RunAsync("ca", "import", "enc", "--cert", ca.IssuingPem, "--key", key, "--key-password-file", password, "--chain", ca.RootPem, "--key-passphrase-file", Passphrase, "--public-url", "http://127.0.0.1:8080")).ExpectExit(0);

        Assert.StartsWith("imported CA 'enc' (ec-p256, key encrypted in DATA/keys): issuing CA 'CN=enc Issuing CA' valid until ", Assert.Single(run.OutputLines), StringComparison.Ordinal);
        var list = (await _session.RunAsync("ca", "list", "--json")).ExpectExit(0).Json("ca-list");
        Assert.Equal("http://127.0.0.1:8080/", list.Array("cas").Single().Str("publicUrl"));
    }

    [Fact]
    public async Task Import_Refusals_OneLineErrorsAndNothingStored()
    {
        var ca = await OpenSslCa.CreateAsync(_session.Work, "bad", rsa: false);
        var other = await OpenSslCa.CreateAsync(_session.Work, "other", rsa: false);
        var (leaf, leafKey) = await ca.IssueAsync("leaf.internal", "v3_leaf");
        var encrypted = await ca.EncryptedIssuingKeyAsync("right password");
        var wrong = _session.Work.Write("wrong-password", "wrong password\n");

        Task<CliRun> Import(string name, params string[] arguments) => _session.RunAsync(["ca", "import", name, .. arguments, "--key-passphrase-file", Passphrase]);

        (await Import("x", "--cert", leaf, "--key", leafKey, "--chain", ca.IssuingPem)).ExpectExit(1)
            .ExpectOneLineError("CA certificate 'CN=leaf.internal' is not a CA: basicConstraints CA:TRUE is missing; give the CA's certificate, not a leaf");
        (await Import("x", "--cert", ca.IssuingPem, "--key", other.IssuingKey, "--chain", ca.RootPem)).ExpectExit(1)
            .ExpectOneLineError($"key '{other.IssuingKey}' does not match CA certificate 'CN=bad Issuing CA' (their public keys differ); give that CA's own key");
        (await Import("x", "--cert", ca.IssuingPem, "--key", ca.IssuingKey, "--chain", other.RootPem)).ExpectExit(1)
            .ExpectOneLineError("the chain does not link: 'CN=bad Issuing CA' is not signed by the next certificate 'CN=other Root CA'; give --chain in order, each issuer after the certificate it signed, up to the root");
        (await Import("x", "--cert", ca.IssuingPem, "--key", ca.IssuingKey)).ExpectExit(1)
            .ExpectOneLineError("the chain ends at 'CN=bad Issuing CA', which is not self-signed; --chain must reach the root CA (add its issuer 'CN=bad Root CA')");
        (await Import("x", "--cert", ca.IssuingPem, "--key", encrypted, "--key-password-file", wrong, "--chain", ca.RootPem)).ExpectExit(1)
            .ExpectOneLineError($"cannot decrypt key '{encrypted}': wrong password in --key-password-file (or a corrupt key)");
        Assert.Equal("no CAs: create one with 'certwright ca init NAME'\n", (await _session.RunAsync("ca", "list")).ExpectExit(0).StandardOutput);
        (await Import("x", "--cert", ca.IssuingPem, "--key", ca.IssuingKey, "--chain", ca.RootPem)).ExpectExit(0);
        (await Import("x", "--cert", other.IssuingPem, "--key", other.IssuingKey, "--chain", other.RootPem)).ExpectExit(1)
            .ExpectOneLineError("a CA named 'x' exists; choose another name ('certwright ca list' shows them)");
        Assert.Single(Directory.GetFiles(Path.Combine(_session.DataDirectory, "keys")));
    }
}
