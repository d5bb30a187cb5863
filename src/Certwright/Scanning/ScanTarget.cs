using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Certwright.Scanning;

/// <summary>
/// One TLS endpoint to scan: where to connect, the server name to send (SNI) and the plain-text protocol, if
/// any, to speak before the handshake. Immutable and compared by value, so it can key an inventory.
/// </summary>
public sealed record ScanTarget
{
    /// <param name="host">A DNS name or an IP literal (IPv6 without brackets).</param>
    /// <param name="port">1..65535.</param>
    /// <param name="startTls">The STARTTLS protocol, or <see cref="StartTlsProtocol.None"/>.</param>
    /// <param name="serverName">
    /// The SNI to send instead of the default (the host name; nothing for an IP literal).
    /// </param>
    /// <exception cref="CertwrightException">Usage, when the host, port or server name is not valid.</exception>
    public ScanTarget(string host, int port, StartTlsProtocol startTls = StartTlsProtocol.None, string? serverName = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (port is < 1 or > 65535)
        {
            throw new CertwrightException(ErrorKind.Usage, $"Port {port} of '{HostNames.Printable(host)}' is out of range: use 1 to 65535.");
        }

        if (!Enum.IsDefined(startTls))
        {
            throw new ArgumentOutOfRangeException(nameof(startTls), startTls, "unknown STARTTLS protocol");
        }

        if (HostNames.TryParseAddress(host, out var address))
        {
            Address = address;
            Host = address.ToString();
        }
        else
        {
            Host = HostNames.NormalizeDnsName(host, "host");
        }

        Port = port;
        StartTls = startTls;
        ServerName = serverName is not null
            ? HostNames.NormalizeDnsName(serverName, "server name (--sni)")
            : Address is null ? Host : null;
    }

    /// <summary>The DNS name (lower case, no trailing dot) or the IP literal in its canonical form.</summary>
    public string Host { get; }

    public int Port { get; }

    public StartTlsProtocol StartTls { get; }

    /// <summary>The SNI sent in the ClientHello, or null to send none.</summary>
    public string? ServerName { get; }

    /// <summary>The address when <see cref="Host"/> is an IP literal (no DNS lookup), else null.</summary>
    public IPAddress? Address { get; }

    /// <summary>
    /// Parses <c>host</c>, <c>host:port</c>, <c>[v6addr]:port</c>, <c>[v6addr]</c> or a bare IPv6 address. Without a
    /// port the protocol's default applies (443, or the STARTTLS protocol's own port).
    /// </summary>
    /// <exception cref="CertwrightException">Usage, naming the input and the accepted forms.</exception>
    public static ScanTarget Parse(string text, StartTlsProtocol startTls = StartTlsProtocol.None, string? serverName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        string host;
        string? portText = null;
        if (trimmed.StartsWith('['))
        {
            var close = trimmed.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid(text, "the '[' of an IPv6 address has no closing ']'");
            }

            host = trimmed[1..close];
            var rest = trimmed[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    throw Invalid(text, $"unexpected '{rest}' after ']'");
                }

                portText = rest[1..];
            }

            if (!IPAddress.TryParse(host, out var bracketed) || bracketed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Invalid(text, $"'{host}' in brackets is not an IPv6 address");
            }
        }
        else if (trimmed.Count(c => c == ':') > 1)
        {
            // Several colons and no brackets: only a bare IPv6 address, which cannot carry a port.
            host = trimmed;
            if (!IPAddress.TryParse(host, out _))
            {
                throw Invalid(text, "it is not an IPv6 address; write an IPv6 address with a port as [address]:port");
            }
        }
        else
        {
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? trimmed : trimmed[..colon];
            portText = colon < 0 ? null : trimmed[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw Invalid(text, "the host is empty");
        }

        var port = startTls.DefaultPort();
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw Invalid(text, $"the port '{portText}' is not a number from 1 to 65535");
        }

        try
        {
            return new ScanTarget(host, port, startTls, serverName);
        }
        catch (CertwrightException e)
        {
            throw Invalid(text, e.Message);
        }
    }

    /// <summary><c>host:port</c>, with brackets around an IPv6 address.</summary>
    public override string ToString() => Address?.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static CertwrightException Invalid(string text, string why) => new(
        ErrorKind.Usage,
        $"Invalid scan target '{HostNames.Printable(text)}': {why.TrimEnd('.')}. Use HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address.");
}
