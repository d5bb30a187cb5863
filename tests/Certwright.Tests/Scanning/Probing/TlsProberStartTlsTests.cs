using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>Probing through STARTTLS, against a real exim.</summary>
public sealed class TlsProberStartTlsTests
{
    [Fact]
    public async Task ProbeAsync_SmtpStartTls_FindsTls12AndTls13WithSuites()
    {
        using var directory = new TempDirectory();
        using var root = TestPki.CreateRoot("SMTP Probe Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10), keyType: TestKeyType.Rsa2048);
        using var leaf = TestPki.CreateLeaf(root, "smtp.test", ["smtp.test", "localhost"], keyType: TestKeyType.Rsa2048);
        var port = FreePort.Next();
        await using var exim = await StartTlsServers.StartEximAsync(directory, port, TestPki.Bundle(leaf, root), leaf.PrivateKeyPem);
        using var prober = new TlsProber(new TlsProberOptions { ReadTimeout = TimeSpan.FromSeconds(5), MaxConnections = 4 });

        var result = await prober.ProbeAsync(new ScanTarget("127.0.0.1", port, StartTlsProtocol.Smtp));

        Assert.Equal(ScanStatus.Success, result.Status);
        // Debian's exim (GnuTLS) also enables TLS 1.0/1.1; sslscan --starttls-smtp gets no answer from it (see docs/tls-probing.md).
        Assert.Contains(TlsVersion.Tls12, result.AcceptedVersions);
        Assert.Contains(TlsVersion.Tls13, result.AcceptedVersions);
        Assert.All(result.Protocols, p => Assert.Null(p.EnumerationError));
        Assert.Contains(result.Protocols.Single(p => p.Version == TlsVersion.Tls13).CipherSuites, s => s.IanaName == "TLS_AES_256_GCM_SHA384");
        Assert.Contains(result.Protocols.Single(p => p.Version == TlsVersion.Tls12).CipherSuites, s => s.OpenSslName == "ECDHE-RSA-AES256-GCM-SHA384");
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
