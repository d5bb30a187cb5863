using Certwright.Authority.Crl;
using Certwright.Cli.Tests.Infrastructure;
using Certwright.Tests.TestSupport;

namespace Certwright.Cli.Tests.Authority;

/// <summary><c>revoke</c> publishes the CA's CRL when the key's passphrase is given, and says how to publish it when not.</summary>
[Collection(CliCollection.Name)]
public sealed class RevokeCrlTests(CliFixture cli) : IDisposable
{
    private const string PassphraseText = "revoke cli passphrase 1234";
    private readonly CliSession _session = cli.NewSession();
    private string? _passphrase;

    public void Dispose() => _session.Dispose();

    private string Passphrase => _passphrase ??= _session.Work.Write("passphrase", PassphraseText + "\n");

    private async Task<string> IssueAsync(string name)
    {
        if (!File.Exists(Path.Combine(_session.DataDirectory, "keys")) && !Directory.Exists(Path.Combine(_session.DataDirectory, "keys")))
        {
            (await _session.RunAsync("ca", "init", "corp", "--key-passphrase-file", Passphrase)).ExpectExit(0);
        }

        return (await _session.RunAsync("issue", "--ca", "corp", "--profile", "server", "--cn", name, "--out", _session.Work.File(name), "--key-passphrase-file", Passphrase, "--json"))
            .ExpectExit(0).Json("issued").Str("serial");
    }

    [Fact]
    public async Task Revoke_WithPassphraseFile_PublishesCrlListingTheSerial()
    {
        var serial = await IssueAsync("gone.internal");

        var run = (await _session.RunAsync("revoke", serial, "--reason", "KEYCOMPROMISE", "--key-passphrase-file", Passphrase)).ExpectExit(0);

        var path = CrlFiles.PathFor(_session.DataDirectory, "corp");
        Assert.Equal([$"revoked serial {serial} 'CN=gone.internal' of CA corp (keyCompromise)", $"CRL number 1 published to {path}"], run.OutputLines);
        var text = await OpenSsl.RunAsync("crl", "-in", path, "-inform", "DER", "-noout", "-text");
        Assert.Contains($"Serial Number: {serial}\n", text, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_PassphraseFromEnvironmentWithJson_CrlObjectInTheDocument()
    {
        var serial = await IssueAsync("env.internal");
        _session.ExtraEnvironment["CERTWRIGHT_KEY_PASSPHRASE"] = PassphraseText;

        var json = (await _session.RunAsync("revoke", serial, "--reason", "aACompromise", "--json")).ExpectExit(0).Json("revocation");

        var crl = json.GetProperty("crl");
        Assert.Equal(("aACompromise", true, 1L, CrlFiles.PathFor(_session.DataDirectory, "corp")), (json.Str("reason"), crl.GetProperty("published").GetBoolean(), crl.GetProperty("number").GetInt64(), crl.Str("path")));
    }

    [Fact]
    public async Task Revoke_WithoutPassphrase_SucceedsAndSaysHowToPublish()
    {
        var serial = await IssueAsync("later.internal");

        var run = (await _session.RunAsync("revoke", serial, "--reason", "superseded")).ExpectExit(0);

        Assert.Equal(
            [
                $"revoked serial {serial} 'CN=later.internal' of CA corp (superseded)",
                "CRL not published (the CA key needs --key-passphrase-file or CERTWRIGHT_KEY_PASSPHRASE): 'certwright serve' republishes it within ~2 s, or 'certwright crl corp' does it now",
            ],
            run.OutputLines);
        Assert.False(File.Exists(CrlFiles.PathFor(_session.DataDirectory, "corp")));
        var crl = (await _session.RunAsync("crl", "corp", "--key-passphrase-file", Passphrase)).ExpectExit(0);
        Assert.Contains($"Serial Number: {serial}\n", await OpenSsl.RunAsync("crl", "-in", _session.Work.Write("now.pem", crl.StandardOutput), "-noout", "-text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_WrongPassphrase_RevocationStandsWarningOnStandardError()
    {
        var serial = await IssueAsync("wrong.internal");
        var wrong = _session.Work.Write("wrong", "not the passphrase\n");

        var run = (await _session.RunAsync("revoke", serial, "--key-passphrase-file", wrong)).ExpectExit(0);

        Assert.Equal($"revoked serial {serial} 'CN=wrong.internal' of CA corp (unspecified)", Assert.Single(run.OutputLines));
        Assert.StartsWith("warning: CRL not published: cannot decrypt key file ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.EndsWith("; 'certwright serve' republishes it within ~2 s, or 'certwright crl corp' does it now", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownReason_ErrorListsTheRfc5280Names()
    {
        var run = await _session.RunAsync("revoke", "0A", "--reason", "stolen");

        run.ExpectExit(1).ExpectOneLineError("unknown revocation reason 'stolen'; use one of unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn or aACompromise (RFC 5280, any case)");
    }
}
