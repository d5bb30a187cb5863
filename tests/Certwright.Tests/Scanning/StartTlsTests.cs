using System.Security.Cryptography;
using Certwright.Scanning;

namespace Certwright.Tests.Scanning;

/// <summary>STARTTLS against real servers: exim, dovecot, vsftpd, slapd and PostgreSQL.</summary>
public sealed class StartTlsTests : IClassFixture<StartTlsServersFixture>
{
    private readonly StartTlsServersFixture _servers;

    public StartTlsTests(StartTlsServersFixture servers)
    {
        _servers = servers;
    }

    [Theory]
    [InlineData(StartTlsProtocol.Smtp, "smtp", "smtp")]
    [InlineData(StartTlsProtocol.Imap, "imap", "mail")]
    [InlineData(StartTlsProtocol.Pop3, "pop3", "mail")]
    [InlineData(StartTlsProtocol.Ftp, "ftp", "ftp")]
    [InlineData(StartTlsProtocol.Ldap, "ldap", "ldap")]
    [InlineData(StartTlsProtocol.Postgres, "postgres", "postgres")]
    public async Task ScanAsync_StartTls_CapturesTheServersChain(StartTlsProtocol protocol, string server, string leaf)
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_servers.Ports[server]}", protocol);

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.True(result.Status == ScanStatus.Success, $"{result.Status}: {result.Error}");
        Assert.Equal(
            [Fingerprint(_servers.Leaves[leaf].Der), Fingerprint(_servers.Root.Der)],
            result.PresentedChain.Select(Fingerprint));
        Assert.NotNull(result.Protocol);
        Assert.StartsWith("TLSv1.", result.Protocol, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_LdapServerWithoutTls_ReportsStartTlsFailedWithResultCode()
    {
        var target = ScanTarget.Parse($"127.0.0.1:{_servers.Ports["ldap-no-tls"]}", StartTlsProtocol.Ldap);

        var result = await new EndpointScanner().ScanAsync(target);

        Assert.Equal(ScanStatus.StartTlsFailed, result.Status);
        Assert.Equal("LDAP STARTTLS failed: the server answered resultCode 2 (protocolError): 'unsupported extended operation'", result.Error);
        Assert.Empty(result.PresentedChain);
    }

    [Fact]
    public async Task ScanAsync_SmtpServerScannedWithoutStartTls_ReportsThePlainTextReply()
    {
        var result = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"127.0.0.1:{_servers.Ports["smtp"]}"));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Contains("the server sent plain text '220 certwright.test ESMTP Exim", result.Error, StringComparison.Ordinal);
        Assert.Contains("needs --starttls", result.Error, StringComparison.Ordinal);
    }

    private static string Fingerprint(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));
}
