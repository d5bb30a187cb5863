using Certwright.Scanning;

namespace Certwright.Tests.Scanning;

public sealed class ScanTargetTests
{
    [Theory]
    [InlineData("example.com", StartTlsProtocol.None, "example.com", 443, "example.com", "example.com:443")]
    [InlineData("Example.COM.", StartTlsProtocol.None, "example.com", 443, "example.com", "example.com:443")]
    [InlineData("example.com:8443", StartTlsProtocol.None, "example.com", 8443, "example.com", "example.com:8443")]
    [InlineData(" mail.test ", StartTlsProtocol.Smtp, "mail.test", 25, "mail.test", "mail.test:25")]
    [InlineData("mail.test", StartTlsProtocol.Imap, "mail.test", 143, "mail.test", "mail.test:143")]
    [InlineData("mail.test", StartTlsProtocol.Pop3, "mail.test", 110, "mail.test", "mail.test:110")]
    [InlineData("ftp.test", StartTlsProtocol.Ftp, "ftp.test", 21, "ftp.test", "ftp.test:21")]
    [InlineData("ldap.test", StartTlsProtocol.Ldap, "ldap.test", 389, "ldap.test", "ldap.test:389")]
    [InlineData("db.test", StartTlsProtocol.Postgres, "db.test", 5432, "db.test", "db.test:5432")]
    [InlineData("db.test:6543", StartTlsProtocol.Postgres, "db.test", 6543, "db.test", "db.test:6543")]
    [InlineData("internal_host.corp", StartTlsProtocol.None, "internal_host.corp", 443, "internal_host.corp", "internal_host.corp:443")]
    [InlineData("127.0.0.1", StartTlsProtocol.None, "127.0.0.1", 443, null, "127.0.0.1:443")]
    [InlineData("127.0.0.1:4433", StartTlsProtocol.None, "127.0.0.1", 4433, null, "127.0.0.1:4433")]
    [InlineData("[::1]:4433", StartTlsProtocol.None, "::1", 4433, null, "[::1]:4433")]
    [InlineData("[2001:DB8::1]", StartTlsProtocol.Smtp, "2001:db8::1", 25, null, "[2001:db8::1]:25")]
    [InlineData("::1", StartTlsProtocol.None, "::1", 443, null, "[::1]:443")]
    [InlineData("2001:db8:0:0::2", StartTlsProtocol.None, "2001:db8::2", 443, null, "[2001:db8::2]:443")]
    public void Parse_ValidForms_GiveHostPortAndDefaultSni(string text, StartTlsProtocol startTls, string host, int port, string? sni, string display)
    {
        var target = ScanTarget.Parse(text, startTls);

        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port);
        Assert.Equal(sni, target.ServerName);
        Assert.Equal(startTls, target.StartTls);
        Assert.Equal(display, target.ToString());
        Assert.Equal(sni is null, target.Address is not null);
    }

    [Theory]
    [InlineData("", "Invalid scan target '': the host is empty. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData(":443", "Invalid scan target ':443': the host is empty. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("host:", "Invalid scan target 'host:': the port '' is not a number from 1 to 65535. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("host:0", "Invalid scan target 'host:0': the port '0' is not a number from 1 to 65535. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("host:65536", "Invalid scan target 'host:65536': the port '65536' is not a number from 1 to 65535. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("host:+1", "Invalid scan target 'host:+1': the port '+1' is not a number from 1 to 65535. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("https://host", "Invalid scan target 'https://host': the port '//host' is not a number from 1 to 65535. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("[::1", "Invalid scan target '[::1': the '[' of an IPv6 address has no closing ']'. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("[::1]443", "Invalid scan target '[::1]443': unexpected '443' after ']'. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("[example.com]:443", "Invalid scan target '[example.com]:443': 'example.com' in brackets is not an IPv6 address. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("a:b:c", "Invalid scan target 'a:b:c': it is not an IPv6 address; write an IPv6 address with a port as [address]:port. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("bad host", "Invalid scan target 'bad host': The host 'bad host' contains ' '; use letters, digits, '-' and '.' (an internationalised name in its xn-- form). Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("a..b", "Invalid scan target 'a..b': The host 'a..b' has an empty or over-long label; each dot-separated part must have 1 to 63 characters. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    [InlineData("bücher.de", "Invalid scan target 'bücher.de': The host 'bücher.de' contains 'ü'; use letters, digits, '-' and '.' (an internationalised name in its xn-- form). Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.")]
    public void Parse_InvalidForms_ThrowUsageErrorNamingTheInput(string text, string message)
    {
        var error = Assert.Throws<CertwrightException>(() => ScanTarget.Parse(text));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_OverLongLabel_IsRejected()
    {
        var error = Assert.Throws<CertwrightException>(() => ScanTarget.Parse(new string('a', 64) + ".test"));

        Assert.Contains("has an empty or over-long label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacters_AreNotEchoed()
    {
        var error = Assert.Throws<CertwrightException>(() => ScanTarget.Parse("evil\u001b[2Jhost"));

        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public void Parse_SniOverride_IsNormalisedAndUsedEvenForIpLiterals()
    {
        var target = ScanTarget.Parse("127.0.0.1:8443", serverName: "WWW.Example.com.");

        Assert.Equal("www.example.com", target.ServerName);
        Assert.Equal("127.0.0.1", target.Host);
    }

    [Fact]
    public void Parse_InvalidSniOverride_ThrowsUsage()
    {
        var error = Assert.Throws<CertwrightException>(() => ScanTarget.Parse("example.com", serverName: "bad name"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains("The server name (--sni) 'bad name' contains ' '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(ScanTarget.Parse("Example.com:443"), ScanTarget.Parse("example.com"));
        Assert.NotEqual(ScanTarget.Parse("example.com"), ScanTarget.Parse("example.com", serverName: "other.test"));
        Assert.NotEqual(ScanTarget.Parse("example.com:25", StartTlsProtocol.Smtp), ScanTarget.Parse("example.com:25"));
    }

    [Theory]
    [InlineData("smtp", StartTlsProtocol.Smtp)]
    [InlineData("IMAP", StartTlsProtocol.Imap)]
    [InlineData("pop3", StartTlsProtocol.Pop3)]
    [InlineData("ftp", StartTlsProtocol.Ftp)]
    [InlineData("ldap", StartTlsProtocol.Ldap)]
    [InlineData("postgres", StartTlsProtocol.Postgres)]
    public void StartTlsProtocolsParse_KnownNames_RoundTrip(string name, StartTlsProtocol expected)
    {
        var protocol = StartTlsProtocols.Parse(name);

        Assert.Equal(expected, protocol);
        Assert.Equal(name.ToLowerInvariant(), protocol.Name());
    }

    [Fact]
    public void StartTlsProtocolsParse_UnknownName_ListsTheAcceptedOnes()
    {
        var error = Assert.Throws<CertwrightException>(() => StartTlsProtocols.Parse("xmpp"));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal("Unknown STARTTLS protocol 'xmpp': use one of smtp, imap, pop3, ftp, ldap, postgres.", error.Message);
    }
}
