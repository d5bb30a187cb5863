using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>Probing through STARTTLS, against a real exim.</summary>
public sealed class TlsProberStartTlsTests
{
    [Fact]
    public async Task ProbeAsync_SmtpStartTls_AgreesWithSslscanStartTlsSmtp()
    {
        using var directory = new TempDirectory();
        using var root = TestPki.CreateRoot("SMTP Probe Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);
        using var leaf = TestPki.CreateLeaf(root, "smtp.test", ["smtp.test", "localhost"], keyType: TestKeyType.Rsa2048);
        var port = FreePort.Next();
        await using var exim = await StartTlsServers.StartEximAsync(directory, port, TestPki.Bundle(leaf, root), leaf.PrivateKeyPem);
        // sslscan first: exim counts a connection until its child exits, and turns sslscan away (421) right after our burst.
        var (versions, suites, _) = await ReferenceScanners.SslscanAsync(port, "--starttls-smtp");
        using var prober = new TlsProber(new TlsProberOptions { ReadTimeout = TimeSpan.FromSeconds(5), MaxConnections = 4 });

        var result = await prober.ProbeAsync(new ScanTarget("127.0.0.1", port, StartTlsProtocol.Smtp));

        Assert.Equal(ScanStatus.Success, result.Status);
        Assert.All(result.Protocols, p => Assert.Null(p.EnumerationError));
        Assert.Equal(versions.Order(), result.AcceptedVersions.Order());
        foreach (var protocol in result.Protocols.Where(p => p.Accepted))
        {
            Assert.Equal(suites[protocol.Version].Order(), protocol.CipherSuites.Select(s => s.Code).Order());
        }

        Assert.Contains(TlsVersion.Tls13, result.AcceptedVersions);
    }

    [Fact]
    public async Task ProbeAsync_SmtpStartTlsAgainstSilentServer_FailsAsStartTls()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        using var prober = new TlsProber(new TlsProberOptions { ReadTimeout = TimeSpan.FromSeconds(1) });

        var result = await prober.ProbeAsync(new ScanTarget("127.0.0.1", server.Port, StartTlsProtocol.Smtp));

        Assert.Equal(ScanStatus.StartTlsFailed, result.Status);
        Assert.Equal("SMTP STARTTLS failed: no reply within 1 s (timed out)", result.Error);
    }
}
