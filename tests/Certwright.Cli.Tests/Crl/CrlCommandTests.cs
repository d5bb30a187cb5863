using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Authority.Crl;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Keys;
using Certwright.Storage;
using Certwright.Tests.Authority.Crl;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.X509;

namespace Certwright.Cli.Tests.Crl;

/// <summary>
/// <c>certwright crl NAME</c> against a CA in the SQLite ledger whose issuing key is an encrypted file in DATA/keys
/// (the CA is made by the test until <c>ca init</c> exists).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CrlCommandTests(CliFixture cli) : IAsyncLifetime
{
    private const string Passphrase = "crl cli passphrase 1234";
    private readonly CliSession _session = cli.NewSession();
    private CrlTestAuthority _ca = null!;
    private string _passphraseFile = null!;
    private (string File, byte[] Serial) _good;
    private (string File, byte[] Serial) _revoked;

    public async Task InitializeAsync()
    {
        _passphraseFile = _session.Work.Write("passphrase", Passphrase + "\n");
        DataDirectory.EnsureExists(_session.DataDirectory);
        using var passphrase = KeyPassphrase.FromString(Passphrase);
        var keys = new EncryptedFileKeyStore(Path.Combine(_session.DataDirectory, "keys"), passphrase, TimeProvider.System);
        _ca = new CrlTestAuthority(name: "corp", issuingKey: await keys.GenerateAsync(KeyType.EcP256, "corp issuing", CancellationToken.None));
        await using var store = await OpenStoreAsync();
        await store.AddAuthorityAsync(_ca.Authority.Record, CancellationToken.None);
        _good = await IssueAsync(store, "good.test");
        _revoked = await IssueAsync(store, "revoked.test");
        await store.RevokeAsync("corp", _revoked.Serial, TimeProvider.System.GetUtcNow().AddMinutes(-1), RevocationReason.KeyCompromise, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _ca.Dispose();
        _session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Crl_FirstRun_PrintsPemThatOpenSslAcceptsAndPublishesIt()
    {
        var run = (await _session.RunAsync("crl", "corp", "--key-passphrase-file", _passphraseFile)).ExpectExit(0);

        Assert.StartsWith("-----BEGIN X509 CRL-----\n", run.StandardOutput, StringComparison.Ordinal);
        var crlPem = _session.Work.Write("crl.pem", run.StandardOutput);
        var verify = await OpenSsl.TryRunAsync("crl", "-in", crlPem, "-CAfile", _ca.ChainPem, "-noout", "-verify");
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);
        var good = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", _ca.ChainPem, "-CRLfile", crlPem, _good.File);
        var revoked = await OpenSsl.TryRunAsync("verify", "-crl_check", "-CAfile", _ca.ChainPem, "-CRLfile", crlPem, _revoked.File);
        Assert.Equal($"{_good.File}: OK\n", good.StandardOutput);
        Assert.Contains("certificate revoked", revoked.StandardError + revoked.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(run.StandardOutput, await File.ReadAllTextAsync(CrlFiles.PemPathFor(_session.DataDirectory, "corp")));
        Assert.Equal("crlNumber=0x01\n", await OpenSsl.RunAsync("crl", "-in", crlPem, "-noout", "-crlnumber"));
    }

    [Fact]
    public async Task Crl_FreshCrlReusedWithoutTheKey_NewRevocationNeedsTheKeyAndBumpsTheNumber()
    {
        var first = (await _session.RunAsync("crl", "corp", "--key-passphrase-file", _passphraseFile)).ExpectExit(0);

        var again = (await _session.RunAsync("crl", "corp")).ExpectExit(0);
        await using (var store = await OpenStoreAsync())
        {
            await store.RevokeAsync("corp", _good.Serial, TimeProvider.System.GetUtcNow(), RevocationReason.Superseded, CancellationToken.None);
        }

        var withoutKey = (await _session.RunAsync("crl", "corp")).ExpectExit(1);
        var second = (await _session.RunAsync("crl", "corp", "--key-passphrase-file", _passphraseFile)).ExpectExit(0);

        Assert.Equal(first.StandardOutput, again.StandardOutput);
        withoutKey.ExpectOneLineError("no key passphrase: give --key-passphrase-file FILE or set CERTWRIGHT_KEY_PASSPHRASE");
        var crl = new X509CrlParser().ReadCrl(System.Text.Encoding.ASCII.GetBytes(second.StandardOutput));
        Assert.Equal(2, crl.GetRevokedCertificates().Count);
        Assert.Equal("crlNumber=0x02\n", await OpenSsl.RunAsync("crl", "-in", _session.Work.Write("second.pem", second.StandardOutput), "-noout", "-crlnumber"));
    }

    [Fact]
    public async Task Crl_OutDer_WritesTheDerFileAndSaysWhatItWrote()
    {
        var outFile = _session.Work.File("corp.crl");

        var run = (await _session.RunAsync("crl", "corp", "--out", outFile, "--der", "--key-passphrase-file", _passphraseFile)).ExpectExit(0);

        var line = Assert.Single(run.OutputLines);
        Assert.Matches($@"^wrote CRL number 1 of CA 'corp' \(1 revoked, next update \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\) to '{outFile}'$", line);
        Assert.Equal(await File.ReadAllBytesAsync(CrlFiles.PathFor(_session.DataDirectory, "corp")), await File.ReadAllBytesAsync(outFile));
        var verify = await OpenSsl.TryRunAsync("crl", "-in", outFile, "-inform", "DER", "-CAfile", _ca.ChainPem, "-noout", "-verify");
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "no CA named 'nope'; `certwright ca list` shows the CAs")]
    [InlineData("../x", "'../x' is not a CA name; `certwright ca list` shows the CAs")]
    public async Task Crl_NotACa_OneLineError(string name, string message)
    {
        var run = (await _session.RunAsync("crl", name, "--key-passphrase-file", _passphraseFile)).ExpectExit(1);

        run.ExpectOneLineError(message);
        Assert.Empty(run.StandardOutput);
    }

    private Task<IAuthorityStore> OpenStoreAsync() =>
        AuthorityStore.OpenAsync(new StorageOptions { DataDirectory = _session.DataDirectory }, TimeProvider.System, CancellationToken.None);

    private async Task<(string File, byte[] Serial)> IssueAsync(IAuthorityStore store, string name)
    {
        var (file, serial, der) = _ca.IssueLeaf(name);
        var certificate = new X509CertificateParser().ReadCertificate(der);
        var notAfter = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero);
        await store.RecordIssuedAsync(
            new IssuedCertificate("corp", "server", serial, Convert.ToHexStringLower(SHA256.HashData(der)), "CN=" + name, notBefore, notAfter, notBefore, der),
            CancellationToken.None);
        return (file, serial);
    }
}
