using System.Net;
using Certwright.Acme.Client;
using Certwright.Tests.Acme.TestSupport;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client;

/// <summary>http-01 end to end against Pebble: its VA fetches the token from the client's built-in listener.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AcmeHttp01PebbleTests
{
    [Fact]
    public async Task ObtainAsync_Http01Listener_IssuesRenewsAndRevokes()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);

        var first = await source.ObtainAsync(AcmeTestKit.Order("www.example.test", "api.example.test"), default);
        using var firstLeaf = await AcmeTestKit.AssertIssuedAsync(first, pebble, ["www.example.test", "api.example.test"]);
        var accountsFile = await File.ReadAllTextAsync(accounts.File("accounts"));

        var renewed = await source.ObtainAsync(AcmeTestKit.Order("www.example.test", "api.example.test"), default);
        using var renewedLeaf = await AcmeTestKit.AssertIssuedAsync(renewed, pebble, ["www.example.test", "api.example.test"]);
        Assert.NotEqual(firstLeaf.SerialNumber, renewedLeaf.SerialNumber);
        Assert.NotEqual(first.PrivateKeyPkcs8, renewed.PrivateKeyPkcs8);
        Assert.Equal(accountsFile, await File.ReadAllTextAsync(accounts.File("accounts")));
        Assert.Single(accountsFile.Trim().Split('\n'));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(accounts.File("account.key")));

        await source.RevokeAsync(first.Leaf, reason: 4, default);

        Assert.Equal("Revoked", await pebble.CertificateStatusAsync(first.Leaf));
        Assert.Equal("Valid", await pebble.CertificateStatusAsync(renewed.Leaf));
        Assert.Null(await source.SuggestRenewalWindowAsync(renewed.Leaf, default));
    }

    [Fact]
    public async Task ObtainAsync_NobodyAnswersChallenge_ClearErrorAndNoCertificate()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        // The client listens on another port than the one Pebble's VA connects to, so the VA gets a refused connection.
        var options = AcmeTestKit.Options(pebble, accounts.Path) with { HttpPort = FreePort.Next() };
        using var source = new AcmeCertificateSource(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => source.ObtainAsync(AcmeTestKit.Order("unreachable.example.test"), default));

        Assert.Equal(ErrorKind.Remote, error.Kind);
        Assert.StartsWith("ACME server could not validate unreachable.example.test with http-01: connection: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; make sure the name resolves to this host and port 80 (or the webroot) reaches Certwright", error.Message, StringComparison.Ordinal);
        Assert.False(BackgroundServer.IsListening(options.HttpPort), "the challenge listener must be stopped after the order");
    }

    [Fact]
    public async Task ObtainAsync_Http01PortTaken_UsageErrorNamingThePort()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, pebble.Settings.HttpPort);
        blocker.Start();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CertwrightException>(() => source.ObtainAsync(AcmeTestKit.Order("www.example.test"), default));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.StartsWith($"cannot listen on 127.0.0.1:{pebble.Settings.HttpPort} for http-01 (AddressAlreadyInUse)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObtainAsync_StoredAccountUnknownToCa_RegistersAgainAndIssues()
    {
        await using var pebble = await PebbleServer.StartAsync();
        using var accounts = new TempDirectory();
        var stale = new Uri(pebble.DirectoryUrl, "/my-account/0123456789abcdef");
        accounts.Write("accounts", $"{pebble.DirectoryUrl.AbsoluteUri} {stale.AbsoluteUri}\n");
        var log = new ListLogger();
        using var source = new AcmeCertificateSource(AcmeTestKit.Options(pebble, accounts.Path), TimeProvider.System, logger: log);

        var bundle = await source.ObtainAsync(AcmeTestKit.Order("again.example.test"), default);

        using var leaf = await AcmeTestKit.AssertIssuedAsync(bundle, pebble, ["again.example.test"]);
        var stored = (await File.ReadAllTextAsync(accounts.File("accounts"))).Trim().Split(' ')[1];
        Assert.NotEqual(stale.AbsoluteUri, stored);
        Assert.Contains(log.Entries, e => e.EventId == 5308 && e.Message.Contains(stale.AbsoluteUri, StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.EventId == 5303 && e.Message == "ACME: again.example.test validated with http-01");
    }
}
