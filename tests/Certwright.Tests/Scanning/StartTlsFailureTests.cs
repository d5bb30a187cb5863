using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>
/// STARTTLS refusals and protocol violations, from scripted plain-text servers: real servers do not misbehave
/// on demand. Each failure must name the protocol and quote the server's reply, sanitised and bounded.
/// </summary>
public sealed class StartTlsFailureTests
{
    [Fact]
    public async Task ScanAsync_SmtpGreetingIsNot220_QuotesTheGreeting()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("554 mail.test no service for you\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Smtp);

        Assert.Equal(ScanStatus.StartTlsFailed, result.Status);
        Assert.Equal("SMTP STARTTLS failed: expected a 220 greeting, the server replied '554 mail.test no service for you'", result.Error);
    }

    [Fact]
    public async Task ScanAsync_SmtpWithoutStartTlsExtension_SaysItIsNotAdvertised()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("220-mail.test ESMTP\r\n220 second greeting line\r\n");
            Assert.Equal("EHLO certwright.scan", await c.ReadLineAsync());
            await c.SendAsync("250-mail.test hello\r\n250-SIZE 1000\r\n250 8BITMIME\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Smtp);

        Assert.Equal(ScanStatus.StartTlsFailed, result.Status);
        Assert.Equal(
            "SMTP STARTTLS failed: the server does not advertise STARTTLS (EHLO reply: '250-mail.test hello / 250-SIZE 1000 / 250 8BITMIME')",
            result.Error);
    }

    [Fact]
    public async Task ScanAsync_SmtpRefusesStartTls_QuotesTheRefusal()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("220 mail.test ESMTP\r\n");
            await c.ReadLineAsync();
            await c.SendAsync("250-mail.test\r\n250 STARTTLS\r\n");
            Assert.Equal("STARTTLS", await c.ReadLineAsync());
            await c.SendAsync("454 4.7.0 TLS not available due to local problem\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Smtp);

        Assert.Equal("SMTP STARTTLS failed: expected 220 to STARTTLS, the server replied '454 4.7.0 TLS not available due to local problem'", result.Error);
    }

    [Fact]
    public async Task ScanAsync_ImapAnswersBad_QuotesTheTaggedReply()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n");
            Assert.Equal("a1 STARTTLS", await c.ReadLineAsync());
            await c.SendAsync("* CAPABILITY IMAP4rev1\r\na1 BAD unknown command\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Imap);

        Assert.Equal("IMAP STARTTLS failed: expected 'a1 OK' to STARTTLS, the server replied 'a1 BAD unknown command'", result.Error);
    }

    [Fact]
    public async Task ScanAsync_Pop3AnswersErr_QuotesTheReply()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("+OK POP3 ready\r\n");
            Assert.Equal("STLS", await c.ReadLineAsync());
            await c.SendAsync("-ERR command not recognised\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Pop3);

        Assert.Equal("POP3 STARTTLS failed: expected '+OK' to STLS, the server replied '-ERR command not recognised'", result.Error);
    }

    [Fact]
    public async Task ScanAsync_FtpRefusesAuthTls_QuotesTheReply()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("220-welcome\r\n free text inside a multi-line reply\r\n220 ready\r\n");
            Assert.Equal("AUTH TLS", await c.ReadLineAsync());
            await c.SendAsync("530 TLS not configured\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Ftp);

        Assert.Equal("FTP STARTTLS failed: expected 234 to AUTH TLS, the server replied '530 TLS not configured'", result.Error);
    }

    [Fact]
    public async Task ScanAsync_PostgresWithoutSsl_SaysSslIsOff()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(8);
            await c.SendAsync("N"u8.ToArray());
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Postgres);

        Assert.Equal("POSTGRES STARTTLS failed: the server does not accept SSL connections (it answered 'N'; set ssl = on)", result.Error);
    }

    [Fact]
    public async Task ScanAsync_LdapReplyIsNotBer_SaysSo()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(31);
            await c.SendAsync("HTTP/1.0 400 Bad Request\r\n\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Ldap);

        Assert.Equal("LDAP STARTTLS failed: the reply is not an LDAP message (first byte 0x48)", result.Error);
    }

    [Fact]
    public async Task ScanAsync_ServerSendsBytesAfterAgreeing_RefusesToStartTls()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("+OK ready\r\n");
            await c.ReadLineAsync();
            await c.SendAsync("+OK begin TLS\r\ninjected\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Pop3);

        Assert.Equal("POP3 STARTTLS failed: the server sent 10 unexpected bytes after agreeing to start TLS", result.Error);
    }

    [Fact]
    public async Task ScanAsync_ReplyLineTooLong_StopsAtTheLineLimit()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("220 " + new string('x', 20_000));
            await c.DrainAsync();
        });
        var options = new EndpointScannerOptions { MaxStartTlsLineBytes = 1024 };

        var result = await new EndpointScanner(options).ScanAsync(ScanTarget.Parse($"127.0.0.1:{server.Port}", StartTlsProtocol.Smtp));

        Assert.Equal("SMTP STARTTLS failed: a reply line while waiting for the greeting is longer than 1024 bytes", result.Error);
    }

    [Fact]
    public async Task ScanAsync_ReplyWithControlCharactersAndLength_IsSanitisedAndBounded()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("421 \u001b[31mred\u0007 " + new string('y', 300) + "\r\n");
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Smtp);

        Assert.Equal(
            "SMTP STARTTLS failed: expected a 220 greeting, the server replied '421 ?[31mred? " + new string('y', 106) + "...'",
            result.Error);
    }

    [Fact]
    public async Task ScanAsync_ServerClosesDuringGreeting_SaysWhatWasAwaited()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync("220 partial");
            c.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await c.DrainAsync();
        });

        var result = await ScanAsync(server, StartTlsProtocol.Smtp);

        Assert.Equal("SMTP STARTTLS failed: the server closed the connection while we waited for the greeting (it sent '220 partial')", result.Error);
    }

    private static Task<EndpointScanResult> ScanAsync(ScriptedTcpServer server, StartTlsProtocol protocol)
    {
        var options = new EndpointScannerOptions { HandshakeTimeout = TimeSpan.FromSeconds(5) };
        return new EndpointScanner(options).ScanAsync(ScanTarget.Parse($"127.0.0.1:{server.Port}", protocol));
    }
}
